#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/archive.h"
#include "flashcoop/array.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/i18n.h"
#include "flashcoop/layout.h"
#include "flashcoop/period.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/sign.h"
#include "flashcoop/store.h"

int period_begin(struct period *pd, const struct project *p,
                 struct fc_error *e)
{
	memset(pd, 0, sizeof *pd);
	pd->p = p;
	return terminals_load(p->dir, &pd->t, e);
}

int period_writer(struct period *pd, struct fc_error *e)
{
	if (!pd->t.present)
		return 0;
	terminals_free(&pd->t);
	return verify_writer(pd->p, WRITE_FIRST, &pd->w, &pd->t, e);
}

void period_free(struct period *pd)
{
	terminals_free(&pd->t);
	free(pd->v);
	pd->v = NULL;
	pd->n = pd->cap = 0;
}

void period_row(struct period *pd, const struct row *en)
{
	const char *t = *en->terminal ? en->terminal :
	                pd->t.n ? pd->t.v[0].name : "";

	if (!pd->t.present || row_counts_as(en) != KIND_SALE)
		return;
	for (size_t i = pd->n; i > 0; i--)
		if (pd->v[i - 1].day == en->date &&
		    strcmp(pd->v[i - 1].terminal, t) == 0)
			return;
	if (array_reserve(&pd->v, &pd->cap, pd->n + 1, sizeof *pd->v) < 0) {
		pd->oom = true;
		return;
	}
	snprintf(pd->v[pd->n].terminal, TERMINAL_SIZE, "%s", t);
	pd->v[pd->n++].day = en->date;
}

int period_unclosed(const struct period *pd, bool allow, struct fc_error *e)
{
	struct days d = { 0 };
	char list[512] = "", day[DATE_BUFSZ];
	size_t n = 0;
	int rc;

	if (pd->oom)
		return fc_fail(e, FC_IOERR, "out of memory");
	if (!pd->t.present || allow)
		return 0;
	if ((rc = days_load(pd->p->dir, &d, e)))
		return rc;
	for (size_t i = 0; i < pd->n; i++) {
		size_t len = strlen(list);
		if (days_find(&d, pd->v[i].terminal, pd->v[i].day))
			continue;
		if (n++ < 4)
			snprintf(list + len, sizeof list - len, "%s%s %s",
			         len ? ", " : "", pd->v[i].terminal,
			         date_format(pd->v[i].day, day));
	}
	days_free(&d);
	if (!n)
		return 0;
	return fc_fail(e, FC_DATAERR, ngettext(
	        "%zu day with sales is not closed (%s%s): close it with "
	        "'flashcoop-close --day DATE' on its terminal, or close the "
	        "period with --allow-unclosed",
	        "%zu days with sales are not closed (%s%s): close them with "
	        "'flashcoop-close --day DATE' on their terminals, or close the "
	        "period with --allow-unclosed", n), n, list, n > 4 ? ", ..." : "");
}

int period_heads(struct buf *ini, const struct period *pd,
                 struct fc_error *e)
{
	struct days d = { 0 };
	int rc, bad = 0;

	if (!pd->t.present)
		return 0;
	if ((rc = days_load(pd->p->dir, &d, e)))
		return rc;
	bad |= buf_puts(ini, "\n[heads]\n; each terminal's last chain in each "
	                "file at the closing\n");
	for (size_t i = 0; !rc && i < pd->t.n; i++) {
		struct row_writer who = { pd->t.v[i].name, i == 0 };
		char id[ID_SIZE], ledger[CHAIN_HEX], hours[CHAIN_HEX],
		     days[CHAIN_HEX] = CHAIN_ZERO, key[TERMINAL_SIZE + 8];
		for (size_t k = 0; k < d.n; k++)
			if (strcmp(d.v[k].terminal, who.terminal) == 0)
				memcpy(days, d.v[k].chain, CHAIN_HEX);
		if ((rc = rows_next_id(pd->p->dir, &who, KIND_SALE,
		                       ROW_FILE_LEDGER, id, ledger, e)) ||
		    (rc = rows_next_id(pd->p->dir, &who, KIND_HOURS,
		                       ROW_FILE_HOURS, id, hours, e)))
			break;
		snprintf(key, sizeof key, "ledger.%s", who.terminal);
		bad |= seal_put(ini, key, ledger);
		snprintf(key, sizeof key, "hours.%s", who.terminal);
		bad |= seal_put(ini, key, hours);
		snprintf(key, sizeof key, "days.%s", who.terminal);
		bad |= seal_put(ini, key, days);
		/* production.csv's, when the project has one */
		if (rows_have(pd->p->dir, ROW_FILE_PRODUCTION) &&
		    !(rc = rows_next_id(pd->p->dir, &who, KIND_LOT,
		                        ROW_FILE_PRODUCTION, id, hours, e))) {
			snprintf(key, sizeof key, "production.%s", who.terminal);
			bad |= seal_put(ini, key, hours);
		}
	}
	days_free(&d);
	if (!rc && bad)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	return rc;
}

int period_sign(struct buf *ini, const struct period *pd,
                struct fc_error *e)
{
	struct sign_key k;
	int rc;

	if (!pd->t.present)
		return 0;
	if ((rc = sign_key_load(pd->p->id, pd->w.terminal, &k, e)))
		return rc;
	rc = seal_sign(ini, &k, pd->w.terminal) < 0 ?
	     fc_fail(e, FC_IOERR, "out of memory") : 0;
	sign_key_wipe(&k);
	return rc;
}

/* ---- the archive ---- */

/* The files an archive holds: those of the seal, closing.ini last. */
static const char *const archived[] = {
	PROJECT_INI, PROJECT_PARTICIPANTS, PROJECT_LEDGER, PROJECT_HOURS,
	PROJECT_TERMINALS, PROJECT_DAYS, PROJECT_PRODUCTION, PROJECT_CLOSING_CSV,
	PROJECT_CLOSING_INI
};
#define NARCHIVED (sizeof archived / sizeof *archived)

int period_archive_name(const struct project *p, int32_t date, char *buf,
                        size_t size)
{
	char d[DATE_BUFSZ];
	int n = snprintf(buf, size, "%s-%s.tar", p->id, date_format(date, d));
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int period_archive(const struct project *p, int32_t date,
                   const struct buf *csv, const struct buf *ini, char *path,
                   struct fc_error *e)
{
	struct archive a = { 0 };
	char name[PATH_MAX], top[PATH_MAX];
	int rc = 0;

	if (period_archive_name(p, date, name, sizeof name) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
	/* An archive is never replaced: a closing made again (its closing.ini
	 * removed) gets the next free name. */
	for (int n = 2; n < 100; n++) {
		if (project_path(p->dir, name, path, PATH_MAX) < 0)
			return fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
		if (access(path, F_OK) < 0)
			break;
		period_archive_name(p, date, name, sizeof name);
		snprintf(name + strlen(name) - 4, sizeof name - strlen(name) + 4,
		         ".%d.tar", n);
	}
	snprintf(top, sizeof top, "%.*s", (int)(strlen(name) - 4), name);
	for (size_t i = 0; !rc && i < NARCHIVED; i++) {
		const struct layout_file *f = layout_find(archived[i]);
		const struct buf *mem = strcmp(archived[i], PROJECT_CLOSING_CSV)
		                        == 0 ? csv : strcmp(archived[i],
		                        PROJECT_CLOSING_INI) == 0 ? ini : NULL;
		char fpath[PATH_MAX], *data;
		size_t len;
		if (mem) {
			rc = archive_add(&a, archived[i], mem->p, mem->len,
			                 f && f->personal, e);
			continue;
		}
		if (project_path(p->dir, archived[i], fpath, sizeof fpath) < 0 ||
		    access(fpath, F_OK) < 0)
			continue;
		if (!(rc = store_slurp(fpath, &data, &len, e))) {
			rc = archive_add(&a, archived[i], data, len,
			                 f && f->personal, e);
			free(data);
		}
	}
	/* Dated by the closing: the same files, the same bytes. */
	if (!rc)
		rc = archive_write(&a, top, (long long)date * 86400, path, e);
	archive_free(&a);
	return rc;
}

/* ---- an archive on its own ---- */

struct prefixed {
	verify_fn fn;
	void *ctx;
	const char *dir, *name;
};

/* "TMP/ledger.csv:5: ..." -> "ARCHIVE:ledger.csv:5: ...". */
static void prefixed_fn(void *ctx, const char *problem, bool warning)
{
	const struct prefixed *p = ctx;
	size_t n = strlen(p->dir);
	char msg[2300];

	if (strncmp(problem, p->dir, n) == 0 && problem[n] == '/')
		problem += n + 1;
	snprintf(msg, sizeof msg, "%s:%s", p->name, problem);
	p->fn(p->ctx, msg, warning);
}

/* The members into dir, each a file of its own. */
static int unpack(const struct archive *a, const char *dir,
                  struct fc_error *e)
{
	for (size_t i = 0; i < a->n; i++) {
		char path[PATH_MAX];
		const struct archive_member *m = &a->v[i];
		if (strcmp(m->name, ARCHIVE_MANIFEST) == 0)
			continue;
		if (!layout_find(m->name) || strchr(m->name, '/'))
			return fc_fail(e, FC_DATAERR, "%s: not a file of a project",
			               m->name);
		if (project_path(dir, m->name, path, sizeof path) < 0)
			return fc_fail(e, FC_IOERR, "%s: path too long", dir);
		int rc = store_replace(path, (const char *)m->data, m->len,
		                       m->personal ? 0600 : 0644, e);
		if (rc)
			return rc;
	}
	return 0;
}

static void clean(const char *dir, const struct archive *a)
{
	char path[PATH_MAX];

	for (size_t i = 0; i < a->n; i++)
		if (project_path(dir, a->v[i].name, path, sizeof path) == 0)
			unlink(path);
	if (project_path(dir, PROJECT_LOCK, path, sizeof path) == 0)
		unlink(path);
	rmdir(dir);
}

int period_verify_archive(const char *path, verify_fn fn, void *ctx,
                          struct verify_stats *st, char *key, size_t size,
                          struct fc_error *e)
{
	struct archive a;
	struct terminals t = { 0 };
	struct fc_error fe;
	char top[ARCHIVE_TOP_SIZE];
	const char *tmp = getenv("TMPDIR");
	char dirbuf[PATH_MAX];
	struct prefixed px = { fn, ctx, NULL, path };
	int rc;

	memset(st, 0, sizeof *st);
	if ((rc = archive_read(path, &a, top, sizeof top, e)))
		return rc;
	if (archive_verify_manifest(&a, &fe) != 0) {
		prefixed_fn(&(struct prefixed){ fn, ctx, "", path }, fe.msg, false);
		st->problems++;
		archive_free(&a);
		return FC_DATAERR;
	}
	snprintf(dirbuf, sizeof dirbuf, "%s/flashcoop-archive.XXXXXX",
	         tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(dirbuf)) {
		archive_free(&a);
		return fc_fail_errno(e, FC_CANTCREAT, "cannot make a temporary "
		                     "folder");
	}
	px.dir = dirbuf;
	if (!(rc = unpack(&a, dirbuf, e))) {
		rc = verify_project(dirbuf, NULL, prefixed_fn, &px, NULL, NULL, st,
		                    e);
		if (key && terminals_load(dirbuf, &t, &fe) == 0) {
			snprintf(key, size, "%s", t.n ? t.v[0].public_key : "");
			terminals_free(&t);
		}
	}
	clean(dirbuf, &a);
	archive_free(&a);
	return rc;
}
