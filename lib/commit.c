#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/i18n.h"
#include "flashcoop/layout.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"

#include "store_internal.h"

/*
 * The commit file (.commit) of a change to several files: its format,
 * written by store_commit(), read and finished by store_lock().
 */

#define COMMIT_MAGIC "flashcoop commit 1"
/* A commit file is a few lines; anything larger is not ours. */
#define COMMIT_MAX 65536

/* ---- reading a commit file ---- */

/* One line of a commit file: the temp file, its target, what the target held
 * before (size -1 when it did not exist) and what the temp file holds. */
struct commit_line {
	char tmp[NAME_MAX + 1], target[NAME_MAX + 1];
	long long old_size, new_size;
	char old_hex[SHA256_HEX], new_hex[SHA256_HEX];
};

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Is name "TARGET.PID.N.tmp", a temp file of ours for target? */
static bool temp_of(const char *name, const char *target)
{
	size_t t = strlen(target), n = strlen(name);
	const char *a, *dot;

	if (n < t + 7 || strncmp(name, target, t) != 0 || name[t] != '.' ||
	    strcmp(name + n - 4, ".tmp") != 0)
		return false;
	a = name + t + 1;
	dot = memchr(a, '.', (size_t)(name + n - 4 - a));
	return dot && all_digits(a, (size_t)(dot - a)) &&
	       all_digits(dot + 1, (size_t)(name + n - 4 - dot - 1));
}

/* A size as we write it: "-", or digits without a leading zero. */
static int parse_size(const char *s, long long *out)
{
	size_t n = strlen(s);

	if (strcmp(s, "-") == 0) {
		*out = -1;
		return 0;
	}
	if (!all_digits(s, n) || n > 18 || (n > 1 && s[0] == '0'))
		return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

/* Split s at each tab, exactly (an empty field is a field): at most max
 * fields into f; their number, or max + 1 when there are more. */
static size_t split_tabs(char *s, char **f, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *tab = strchr(s, '\t');
		if (n == max)
			return max + 1;
		f[n++] = s;
		if (!tab)
			return n;
		*tab = '\0';
		s = tab + 1;
	}
}

/* Check that a commit file line is one our writers produce; NULL, or why
 * not. */
static const char *commit_line_parse(char *s, struct commit_line *j)
{
	char *f[6];
	size_t n = split_tabs(s, f, 6);

	if (n > 6)
		return N_("more than six fields");
	if (n != 6)
		return N_("not six fields separated by tabs");
	if (strlen(f[0]) > NAME_MAX || strlen(f[1]) > NAME_MAX ||
	    !layout_find(f[1]))
		return N_("its target is not a file of a project");
	if (!temp_of(f[0], f[1]))
		return N_("its temp file is not one of the target's");
	strcpy(j->tmp, f[0]);
	strcpy(j->target, f[1]);
	if (parse_size(f[2], &j->old_size) < 0 ||
	    parse_size(f[4], &j->new_size) < 0 || j->new_size < 0)
		return N_("a size is not a number");
	if ((j->old_size < 0) != (strcmp(f[3], "-") == 0) ||
	    (j->old_size >= 0 && !sha256_is_hex(f[3])) || !sha256_is_hex(f[5]))
		return N_("a SHA-256 is not 64 hex digits");
	snprintf(j->old_hex, sizeof j->old_hex, "%s", f[3]);
	snprintf(j->new_hex, sizeof j->new_hex, "%s", f[5]);
	return NULL;
}

/* Does line j name a temp file or a target that an earlier line does?
 * A commit changes each file once. */
static bool named_before(const struct commit_line *jl, size_t n,
                         const struct commit_line *j)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(jl[i].target, j->target) == 0 ||
		    strcmp(jl[i].tmp, j->tmp) == 0)
			return true;
	return false;
}

/* The next line of data (from *at), NUL-terminated in place; NULL at the
 * end.  Every line ends with a newline. */
static char *next_line(char **at, char *end, bool *torn)
{
	char *line = *at, *nl;

	if (line >= end)
		return NULL;
	if (!(nl = memchr(line, '\n', (size_t)(end - line)))) {
		*torn = true;
		return NULL;
	}
	*nl = '\0';
	*at = nl + 1;
	return line;
}

/* Read and check a whole commit file: every line ours, or nothing done. */
static int commit_read(const char *path, struct commit_line *jl, size_t *n,
                        struct fc_error *e)
{
	char *data, *line, *at;
	const char *why = NULL;
	bool torn = false;
	size_t len;
	int rc, no = 0;

	*n = 0;
	if ((rc = store_slurp(path, &data, &len, e)))
		return rc;
	if (len > COMMIT_MAX || memchr(data, '\0', len))
		why = N_("not a text of a few lines");
	for (at = data; !why && (line = next_line(&at, data + len, &torn));) {
		no++;
		if (no == 1)
			why = strcmp(line, COMMIT_MAGIC) ? N_("its first line is "
			      "not 'flashcoop commit 1'") : NULL;
		else if (*n == STORE_MAX_CHANGES)
			why = N_("too many lines");
		else if (!(why = commit_line_parse(line, &jl[*n])) &&
		         named_before(jl, *n, &jl[*n]))
			why = N_("it names a file twice");
		else if (!why)
			(*n)++;
	}
	if (!why && torn)
		why = N_("its last line has no newline");
	if (!why && *n == 0)
		why = N_("it names no file");
	free(data);
	if (why)
		return fc_fail(e, FC_DATAERR, "%s:%d: not a commit file that "
		               "flashcoop writes (%s): nothing was renamed; if no flashcoop "
		               "command was cut short here, look at it, then "
		               "remove it", path, no ? no : 1, gettext(why));
	return 0;
}

/* Does the file at path hold size bytes of digest hex (size -1: is it
 * absent)?  1 yes, 0 no, or an exit code when it cannot be read. */
static int holds(const char *path, long long size, const char *hex,
                 struct fc_error *e)
{
	char got[SHA256_HEX];
	struct stat st;
	char *data;
	size_t len;
	int rc;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? size < 0 :
		       fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
	if (size < 0 || !S_ISREG(st.st_mode) || st.st_size != size)
		return 0;
	if ((rc = store_slurp(path, &data, &len, e)))
		return rc;
	rc = sha256_bytes(data, len, got) < 0 ? fc_fail(e, FC_IOERR,
	                                                "SHA-256 failed") :
	     strcmp(got, hex) == 0;
	free(data);
	return rc;
}

/* What became of one line of a commit file. */
enum commit_state {
	J_TODO,       /* its temp file waits, its target as it was: rename */
	J_DONE,       /* renamed: the target is the new version */
	J_GIVEN_UP,   /* temp file gone, target as it was: the writer gave
	                 up before the commit file could count (nothing to do) */
};

/* The state of line j, or an exit code when it cannot be finished. */
static int commit_line_state(const char *dir, const char *cfile,
                       const struct commit_line *j, enum commit_state *st,
                       struct fc_error *e)
{
	char tmp[PATH_MAX], target[PATH_MAX];
	int tmp_new, target_old, target_new;

	if (store_join(tmp, sizeof tmp, dir, j->tmp) < 0 ||
	    store_join(target, sizeof target, dir, j->target) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((tmp_new = holds(tmp, j->new_size, j->new_hex, e)) > 1 ||
	    (target_old = holds(target, j->old_size, j->old_hex, e)) > 1 ||
	    (target_new = holds(target, j->new_size, j->new_hex, e)) > 1)
		return e->code;
	if (tmp_new && target_old) {
		*st = J_TODO;
		return 0;
	}
	if (tmp_new)
		return fc_fail(e, FC_DATAERR, "%s changed since an interrupted "
		               "write was noted in %s (its new version is "
		               "%s): nothing was replaced; compare the two, keep "
		               "what is right, then remove %s and the temp file",
		               target, cfile, tmp, cfile);
	if (target_new || target_old) {
		*st = target_new ? J_DONE : J_GIVEN_UP;
		return 0;
	}
	return fc_fail(e, FC_DATAERR, "%s: the interrupted write it notes "
	               "cannot be finished: %s is gone or not its new version, "
	               "and %s is neither its old one nor its new one; look at "
	               "the files, then remove %s", cfile, tmp, target,
	               cfile);
}

static int commit_remove(const char *cfile, struct fc_error *e)
{
	if (store_fsync_dir(cfile) < 0 || unlink(cfile) < 0 ||
	    store_fsync_dir(cfile) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot finish an "
		                     "interrupted write", cfile);
	return 0;
}

/* Finish a commit whose commit file landed: every line checked first, then
 * the temp files renamed over their targets. */
int store_recover(const char *dir, struct fc_error *e)
{
	struct commit_line jl[STORE_MAX_CHANGES];
	enum commit_state st[STORE_MAX_CHANGES];
	char cfile[PATH_MAX];
	size_t n, given_up = 0;
	int rc;

	if (store_join(cfile, sizeof cfile, dir, PROJECT_COMMIT) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((rc = commit_read(cfile, jl, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = commit_line_state(dir, cfile, &jl[i], &st[i], e)))
			return rc;
		given_up += st[i] == J_GIVEN_UP;
	}
	/* A write given up is given up whole; a mix is no state of ours. */
	if (given_up && given_up != n)
		return fc_fail(e, FC_DATAERR, "%s: the interrupted write it "
		               "notes is half done and cannot be finished; "
		               "look at the files, then remove %s", cfile,
		               cfile);
	for (size_t i = 0; i < n; i++) {
		char tmp[PATH_MAX], target[PATH_MAX];
		if (st[i] != J_TODO)
			continue;
		if (store_join(tmp, sizeof tmp, dir, jl[i].tmp) < 0 ||
		    store_join(target, sizeof target, dir, jl[i].target) < 0 ||
		    (rc = store_tighten_temp(tmp, jl[i].target, e)) ||
		    rename(tmp, target) < 0)
			return rc ? rc : fc_fail_errno(e, FC_IOERR, "%s: cannot "
			                               "finish an interrupted "
			                               "write", target);
	}
	return commit_remove(cfile, e);
}

/* Temp files of the project's files ("NAME.PID.N.tmp" beside NAME, the
 * commit file's own too) with the lock held exclusive and no commit file: their
 * writers are gone, so they are litter.  Files of other names are not
 * ours, whatever they look like. */
/* A temp file of a closing's archive ("ID-DATE.tar.PID.N.tmp",
 * period.h): ours too. */
static bool archive_temp(const char *name)
{
	const char *t = strstr(name, ".tar.");
	char target[256];
	size_t n = t ? (size_t)(t - name) + 4 : 0;

	if (!t || n >= sizeof target)
		return false;
	memcpy(target, name, n);
	target[n] = '\0';
	return temp_of(name, target);
}

void store_remove_orphans(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		bool ours = temp_of(de->d_name, PROJECT_COMMIT) ||
		            archive_temp(de->d_name);
		char path[PATH_MAX];
		for (size_t i = 0; !ours && i < layout_nfiles; i++)
			ours = temp_of(de->d_name, layout_files[i].name);
		if (ours && store_join(path, sizeof path, dir, de->d_name) == 0)
			unlink(path);
	}
	closedir(d);
}

/* ---- writing one ---- */

/* The size and digest of what fd holds (the old version of a file that
 * a whole new one replaces). */
static int digest_fd(const char *path, int fd, struct versions *v,
                     struct fc_error *e)
{
	struct sha256 h;
	char chunk[65536];
	ssize_t n;

	v->old_size = 0;
	if (sha256_begin(&h) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || sha256_add(&h, chunk, (size_t)n) < 0) {
			sha256_drop(&h);
			return fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
		}
		v->old_size += n;
	}
	return sha256_end(&h, v->old_hex) < 0 ?
	       fc_fail(e, FC_IOERR, "SHA-256 failed") : 0;
}

static int commit_line_text(struct buf *j, const char *tmp, const char *target,
                        const struct versions *v, struct fc_error *e)
{
	char line[2 * NAME_MAX + 2 * SHA256_HEX + 64];

	if (v->old_size < 0)
		snprintf(line, sizeof line, "%s\t%s\t-\t-\t%lld\t%s\n",
		         layout_base(tmp), layout_base(target), v->new_size,
		         v->new_hex);
	else
		snprintf(line, sizeof line, "%s\t%s\t%lld\t%s\t%lld\t%s\n",
		         layout_base(tmp), layout_base(target), v->old_size,
		         v->old_hex, v->new_size, v->new_hex);
	return buf_puts(j, line) < 0 ? fc_fail(e, FC_IOERR, "out of memory") : 0;
}

/* The temp file of one change, and its commit file line. */
static int stage(const struct store_change *c, char *tmp, size_t size,
                 struct buf *j, struct fc_error *e)
{
	struct versions v;
	struct stat st;
	mode_t mode;
	int fd = -1, rc;

	if (!layout_find(layout_base(c->path)))
		return fc_fail(e, FC_IOERR, "%s: not a file of a project", c->path);
	if ((rc = store_open(c->path, O_RDONLY, &fd, e)) &&
	    !(c->whole && rc == FC_NOINPUT))
		return rc;
	if (fd < 0 && (rc = store_refuse_link(c->path, e)))
		return rc;
	if (fd >= 0 && fstat(fd, &st) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat", c->path);
		close(fd);
		return rc;
	}
	mode = layout_mode(layout_base(c->path), fd >= 0 ?
	                   (long)(st.st_mode & 07777) : -1, 0644);
	rc = store_write_temp(c->path, c->whole ? -1 : fd, c->data, c->len, mode, tmp,
	                size, &v, e);
	if (!rc && c->whole && fd >= 0 && (rc = digest_fd(c->path, fd, &v, e)))
		unlink(tmp);
	if (fd >= 0)
		close(fd);
	if (!rc && (rc = commit_line_text(j, tmp, c->path, &v, e)))
		unlink(tmp);
	return rc;
}

/* Put the commit file in place.  Should its folder not sync, it is taken
 * back (the temp files are removed by the caller): a commit file whose temp
 * files are gone and whose targets are as they were is read as a write
 * given up, so even one left behind harms nothing. */
static int commit_write(const char *cfile, const struct buf *j,
                         struct fc_error *e)
{
	char tmp[PATH_MAX];
	struct versions v;
	int rc;

	if ((rc = store_refuse_link(cfile, e)) ||
	    (rc = store_write_temp(cfile, -1, j->p, j->len, 0644, tmp, sizeof tmp,
	                     &v, e)))
		return rc;
	if (rename(tmp, cfile) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", cfile);
		unlink(tmp);
		return rc;
	}
	if (store_fsync_dir(cfile) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot sync its folder",
		                   cfile);
		unlink(cfile);
		return rc;
	}
	return 0;
}

int store_commit(const char *dir, const struct store_change *c, size_t n,
                 struct fc_error *e)
{
	char tmp[STORE_MAX_CHANGES][PATH_MAX], cfile[PATH_MAX];
	struct buf j = { 0 };
	size_t made = 0;
	int rc = 0;

	if (n > STORE_MAX_CHANGES)
		return fc_fail(e, FC_IOERR, "too many files in one commit");
	if (!n)
		return 0;
	/* Each change starts from the file as it is: two of one file would
	 * lose the first, and the commit file would be refused. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(c[i].path, c[k].path) == 0)
				return fc_fail(e, FC_IOERR, "%s: twice in one commit",
				               c[i].path);
	if (buf_puts(&j, COMMIT_MAGIC "\n") < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	for (; !rc && made < n; made++)
		if ((rc = stage(&c[made], tmp[made], sizeof tmp[made], &j, e)))
			break;
	/* The commit file is the commit point: once it is in place, the next
	 * lock finishes what a killed process left. */
	if (!rc && store_join(cfile, sizeof cfile, dir, PROJECT_COMMIT) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (!rc)
		rc = commit_write(cfile, &j, e);
	buf_free(&j);
	if (rc) {
		for (size_t i = 0; i < made; i++)
			unlink(tmp[i]);
		return rc;
	}
	/* Past the commit file the commit stands: the renames follow (the lock
	 * is held, nothing changed the targets since they were read); if
	 * they fail now, the next lock finishes them. */
	for (size_t i = 0; i < n; i++)
		if (rename(tmp[i], c[i].path) < 0)
			return 0;
	(void)commit_remove(cfile, e);
	return 0;
}
