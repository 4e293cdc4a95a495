#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/init.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/sign.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"

static const char gitattributes[] =
	"# flashcoop: ledgers are LF text, diffed line by line.\n"
	"*.csv text eol=lf diff\n"
	"*.ini text eol=lf diff\n"
	"# Files only ever appended to: git's own union merge joins the lines\n"
	"# both sides added, without a conflict (each terminal's rows keep\n"
	"# their order, so each one's chain holds).\n"
	"ledger.csv merge=union\n"
	"hours.csv merge=union\n"
	"production.csv merge=union\n"
	"days.csv merge=union\n"
	"terminals.csv merge=union\n";
/* The lock, the commit file, temp files, and which terminal this copy is:
 * local to a copy. */
static const char gitignore[] = ".lock\n.commit\n*.tmp\n.flashcoop/\n";

/* mkdir -p */
static int make_dir(const char *dir, struct fc_error *e)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	for (char *s = path + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return fc_fail_errno(e, FC_CANTCREAT, "%s: cannot create",
			                     path);
		*s = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* The files of a new project, flashcoop.ini last: until it exists, there
 * is no project. */
struct file {
	const char *name;
	const char *text;
	mode_t mode;
	size_t same;   /* not 0: an old file is taken over when its first
	                  bytes are these many of text's (a time follows) */
};

/* May dir/name be written?  Yes when it is absent or already holds exactly
 * this text (an init cut short); anything else is not ours to overwrite. */
static int may_write(const char *dir, const struct file *f, bool *present,
                     struct fc_error *e)
{
	char path[PATH_MAX], *old;
	size_t len;
	struct stat st;
	bool same;

	*present = false;
	if (project_path(dir, f->name, path, sizeof path) < 0)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	if (stat(path, &st) < 0)
		return 0;
	if (store_slurp(path, &old, &len, e))
		return FC_CANTCREAT;
	same = f->same ? len >= f->same && memcmp(old, f->text, f->same) == 0 :
	       len == strlen(f->text) && memcmp(old, f->text, len) == 0;
	free(old);
	*present = true;
	return same ? 0 : fc_fail(e, FC_CANTCREAT, "%s already exists; "
	                          "flashcoop-init does not overwrite it", path);
}

/* terminals.csv of a new terminal name (its key made, or the one an init
 * cut short made), to buf; *same: the bytes before the time. */
static int new_terminal(const struct project *p, const char *name,
                        const struct terminals *t, char *line, size_t size,
                        struct fc_error *e);

static int first_terminal(const struct project *p, const char *name,
                          char *buf, size_t size, size_t *same,
                          struct fc_error *e)
{
	struct terminals none = { 0 };
	size_t head = strlen(TERMINALS_HEADER "\n");
	int rc;

	snprintf(buf, size, TERMINALS_HEADER "\n");
	if ((rc = new_terminal(p, name, &none, buf + head, size - head, e)))
		return rc;
	/* "name,key,time\n": the same up to the time. */
	*same = (size_t)(strrchr(buf, ',') - buf) + 1;
	return 0;
}

int init_project(const char *dir, const struct project *p,
                 const char *terminal, struct fc_error *e)
{
	struct store_lock lock;
	struct buf ini = { 0 };
	char terms[512];
	/* The modes are the layout's (store_replace): names 0600. */
	struct file files[] = {
		{ ".gitattributes", gitattributes, 0644, 0 },
		{ ".gitignore", gitignore, 0644, 0 },
		{ PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n", 0600, 0 },
		{ PROJECT_LEDGER, LEDGER_HEADER "\n", 0644, 0 },
		{ PROJECT_HOURS, HOURS_HEADER "\n", 0644, 0 },
		{ PROJECT_DAYS, DAYS_HEADER "\n", 0644, 0 },
		{ PROJECT_TERMINALS, terms, 0644, 0 },
		{ PROJECT_INI, NULL, 0644, 0 },
	};
	const size_t n = sizeof files / sizeof *files;
	bool present[sizeof files / sizeof *files];
	char path[PATH_MAX];
	struct stat st;
	int rc;

	if ((rc = project_ini_text(&ini, p, e)))
		goto out;
	files[n - 1].text = ini.p;
	if (project_path(dir, PROJECT_INI, path, sizeof path) == 0 &&
	    stat(path, &st) == 0) {
		rc = fc_fail(e, FC_CANTCREAT, "%s already holds a project", dir);
		goto out;
	}
	if ((rc = first_terminal(p, terminal, terms, sizeof terms,
	                         &files[n - 2].same, e)))
		goto out;
	if ((rc = make_dir(dir, e)) || (rc = store_lock(dir, true, &lock, e)))
		goto out;
	/* Every file is looked at before any is written. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = may_write(dir, &files[i], &present[i], e);
	for (size_t i = 0; !rc && i < n; i++)
		if (!present[i] &&
		    project_path(dir, files[i].name, path, sizeof path) == 0)
			rc = store_replace(path, files[i].text,
			                   strlen(files[i].text), files[i].mode, e);
	if (!rc)
		rc = terminal_declare_here(dir, terminal, e);
	store_unlock(&lock);
out:
	buf_free(&ini);
	return rc;
}

const char *init_default_id(const char *dir, char *buf, size_t size)
{
	const char *base;
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	snprintf(buf, size, "%.*s", (int)len, dir);
	base = strrchr(buf, '/');
	base = base ? base + 1 : buf;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		char real[PATH_MAX];
		if (realpath(buf, real)) {
			snprintf(buf, size, "%s", real);
			base = strrchr(buf, '/');
			base = base && base[1] ? base + 1 : buf;
		}
	}
	return base;
}


/* ---- another copy, an older project ---- */

/* The key of terminal name of project p (made now, or the one an earlier
 * attempt made) and its line of terminals.csv, to line. */
static int new_terminal(const struct project *p, const char *name,
                        const struct terminals *t, char *line, size_t size,
                        struct fc_error *e)
{
	struct sign_key k;
	char now[DATE_STAMP_SIZE];
	int rc;

	if (!terminal_name_valid(name))
		return fc_fail(e, FC_DATAERR, "terminal '%s' is not a name (1 to "
		               "12 of a-z, 0-9 and -, a letter first)", name);
	if (terminals_find(t, name) >= 0)
		return fc_fail(e, FC_DATAERR, "terminal %s is in terminals.csv "
		               "already: give this copy a name of its own", name);
	rc = sign_key_load(p->id, name, &k, e);
	if (rc == FC_NOINPUT)
		rc = sign_key_create(p->id, name, &k, e);
	if (rc)
		return rc;
	sign_key_wipe(&k);
	if (date_stamp_now(now) < 0)
		return fc_fail_errno(e, FC_IOERR, "cannot read the clock");
	if (terminals_line(line, size, name, k.public_hex, now) < 0)
		return fc_fail(e, FC_IOERR, "terminals.csv: line too long");
	return 0;
}

/* The project of dir, locked exclusive, sound, and open unless
 * closed_too. */
static int take(const char *dir, bool closed_too, struct project *p,
                struct store_lock *l, struct fc_error *e)
{
	int rc = project_load(dir, p, e);

	if (rc)
		return rc;
	if (!(rc = store_lock(dir, true, l, e))) {
		if (!(rc = closed_too ? 0 : project_check_open(dir, e)) &&
		    !(rc = verify_read(dir, l, NULL, NULL, e)))
			return 0;
		store_unlock(l);
	}
	project_free(p);
	return rc;
}

/* May this copy be terminal d, listed already?  Only where d's private
 * key is: a copy of the terminal moved to another folder, or restored
 * from a backup, on the machine that holds its key. */
static int adopt(const struct project *p, const struct terminal_decl *d,
                 struct fc_error *e)
{
	struct sign_key k;
	int rc = sign_key_load(p->id, d->name, &k, e);
	bool ours = !rc && strcmp(k.public_hex, d->public_key) == 0;

	sign_key_wipe(&k);
	if (rc == FC_NOINPUT || (!rc && !ours))
		return fc_fail(e, FC_DATAERR, "terminal %s is in terminals.csv "
		               "already, and its key is not on this machine: give "
		               "this copy a name of its own", d->name);
	return rc;
}

static int add_lines(const char *dir, const char *name, const char *text,
                     struct fc_error *e);

int init_terminal(const char *dir, const char *name, struct fc_error *e)
{
	struct project p;
	struct store_lock l;
	struct terminals t = { 0 };
	char line[256], path[PATH_MAX], here[TERMINAL_SIZE];
	int rc;

	/* A closed project's copy may be adopted by a terminal listed
	 * already (writing nothing that git keeps), to amend the outcomes
	 * (amend.h); no new terminal joins it. */
	if ((rc = take(dir, true, &p, &l, e)))
		return rc;
	if ((rc = terminals_load(dir, &t, e)))
		goto out;
	if (project_closed(dir) && terminals_find(&t, name) < 0 &&
	    (rc = project_check_open(dir, e)))
		goto out;
	if (!t.present)
		rc = fc_fail(e, FC_DATAERR, "%s: the project is not chained: "
		             "'flashcoop-init --chain' chains it (on the copy "
		             "that has written so far)", dir);
	else if ((rc = terminal_declared(dir, here, e)) == 1)
		rc = fc_fail(e, FC_DATAERR, "%s: this copy is terminal %s "
		             "already", dir, here);
	if (!rc && terminals_find(&t, name) >= 0) {
		/* A terminal's copy moved or restored: its own key says so. */
		rc = adopt(&p, &t.v[terminals_find(&t, name)], e);
	} else if (!rc) {
		rc = new_terminal(&p, name, &t, line, sizeof line, e);
		if (!rc && project_path(dir, PROJECT_TERMINALS, path,
		                        sizeof path) < 0)
			rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
		if (!rc)
			rc = store_append(path, line, strlen(line), e);
	}
	if (!rc)
		rc = terminal_declare_here(dir, name, e);
	/* a project chained before production.csv: its union merge too */
	if (!rc && !project_closed(dir))
		rc = add_lines(dir, ".gitattributes", gitattributes, e);
	terminals_free(&t);
out:
	store_unlock(&l);
	project_free(&p);
	return rc;
}

/* A file of rows from before the chain, with the chain's columns: the
 * header gets their names, every row three empty fields. */
struct widen {
	struct buf out;
};

static int widen_row(void *ctx, const struct table_row *r,
                     struct fc_error *e)
{
	struct widen *w = ctx;

	if (buf_add(&w->out, r->raw, r->rawlen) < 0 ||
	    buf_puts(&w->out, r->header ? ROW_CHAIN_HEADER "\n" : ",,,\n") < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if (r->header && table_col(r, "chain") >= 0)
		return fc_fail(e, FC_DATAERR, "%s: chained already", r->name);
	return 0;
}

static int widen(const char *dir, const char *file, struct widen *w,
                 char *path, size_t size, struct fc_error *e)
{
	if (project_path(dir, file, path, size) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	return store_table(path, file, TABLE_FINAL_NEWLINE | TABLE_PROJECT,
	                   widen_row, w, e);
}

/* The lines of text (comments aside) that dir/name lacks, added at its
 * end (or the file made with text): what a chained project needs of git
 * (.gitattributes' union merge, .gitignore's .flashcoop/), the person's
 * own lines kept as they are. */
static int add_lines(const char *dir, const char *name, const char *text,
                     struct fc_error *e)
{
	char path[PATH_MAX], *old = NULL;
	struct buf b = { 0 };
	size_t len = 0;
	int rc;

	if (project_path(dir, name, path, sizeof path) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (access(path, F_OK) < 0)
		return store_replace(path, text, strlen(text), 0644, e);
	if ((rc = store_slurp(path, &old, &len, e)))
		return rc;
	buf_add(&b, old, len);
	if (len && old[len - 1] != '\n')
		buf_puts(&b, "\n");
	for (const char *l = text; *l; l = strchr(l, '\n') + 1) {
		size_t n = (size_t)(strchr(l, '\n') - l);
		char line[256];
		snprintf(line, sizeof line, "%.*s", (int)n, l);
		bool have = false;
		for (const char *o = old; o && *o && !have;
		     o = strchr(o, '\n') ? strchr(o, '\n') + 1 : o + strlen(o))
			have = strncmp(o, line, n) == 0 && (o[n] == '\n' || !o[n]);
		if (!have && line[0] != '#') {
			buf_puts(&b, line);
			buf_puts(&b, "\n");
		}
	}
	rc = b.len == len ? 0 : store_replace(path, b.p, b.len, 0644, e);
	free(old);
	buf_free(&b);
	return rc;
}

int init_chain(const char *dir, const char *name, struct fc_error *e)
{
	struct project p;
	struct store_lock l;
	struct terminals t = { 0 };
	struct widen w[2] = { { { 0 } }, { { 0 } } };
	char terms[512], ledger[PATH_MAX], hours[PATH_MAX], tpath[PATH_MAX],
	     days[PATH_MAX];
	int rc;

	if ((rc = take(dir, false, &p, &l, e)))
		return rc;
	if (!(rc = terminals_load(dir, &t, e)) && t.present)
		rc = fc_fail(e, FC_DATAERR, "%s: the project is chained "
		             "already", dir);
	snprintf(terms, sizeof terms, TERMINALS_HEADER "\n");
	if (!rc)
		rc = new_terminal(&p, name, &t, terms + strlen(terms),
		                  sizeof terms - strlen(terms), e);
	if (!rc)
		rc = widen(dir, PROJECT_LEDGER, &w[0], ledger, sizeof ledger, e);
	if (!rc)
		rc = widen(dir, PROJECT_HOURS, &w[1], hours, sizeof hours, e);
	if (!rc && (project_path(dir, PROJECT_TERMINALS, tpath,
	                         sizeof tpath) < 0 ||
	            project_path(dir, PROJECT_DAYS, days, sizeof days) < 0))
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (!rc) {
		const struct store_change c[] = {
			{ ledger, w[0].out.p, w[0].out.len, true },
			{ hours, w[1].out.p, w[1].out.len, true },
			{ days, DAYS_HEADER "\n", strlen(DAYS_HEADER "\n"), true },
			{ tpath, terms, strlen(terms), true },
		};
		rc = store_commit(dir, c, sizeof c / sizeof *c, e);
	}
	if (!rc)
		rc = terminal_declare_here(dir, name, e);
	if (!rc)
		rc = add_lines(dir, ".gitattributes", gitattributes, e);
	if (!rc)
		rc = add_lines(dir, ".gitignore", gitignore, e);
	buf_free(&w[0].out);
	buf_free(&w[1].out);
	terminals_free(&t);
	store_unlock(&l);
	project_free(&p);
	return rc;
}
