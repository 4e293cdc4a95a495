#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "flashcoop/i18n.h"
#include "flashcoop/layout.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

#define JOURNAL_MAGIC "flashcoop journal 1"
/* A journal is a few lines; anything larger is not ours. */
#define JOURNAL_MAX 65536

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long lock_timeout_ms(void)
{
	const char *s = getenv("FLASHCOOP_LOCK_TIMEOUT");
	char *end;
	long v;

	if (!s || !*s)
		return 5000;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > 3600)
		return 5000;
	return v * 1000;
}

/* dir/name into buf; -1 when it does not fit. */
static int join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* ---- opening without following links ---- */

static int link_refused(const char *path, struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "%s: is a symbolic link, which flashcoop "
	               "does not follow in a project folder: put the file "
	               "itself in its place", path);
}

static int open_failed(const char *path, struct fc_error *e)
{
	if (errno == ELOOP || errno == EMLINK)
		return link_refused(path, e);
	return fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT : FC_IOERR,
	                     "%s: cannot open", path);
}

/* The descriptor of a regular file, made blocking again (it was opened
 * non-blocking so that a planted FIFO cannot hang us). */
static int regular(const char *path, int fd, struct fc_error *e)
{
	struct stat st;
	int fl;

	if (fstat(fd, &st) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
	if (!S_ISREG(st.st_mode))
		return fc_fail(e, FC_DATAERR, "%s: is not a regular file", path);
	if ((fl = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot open", path);
	return 0;
}

int store_open(const char *path, int flags, int *fd, struct fc_error *e)
{
	int rc;

	*fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0)
		return open_failed(path, e);
	if ((rc = regular(path, *fd, e))) {
		close(*fd);
		*fd = -1;
	}
	return rc;
}

int store_table(const char *path, const char *name, int flags, table_fn fn,
                void *ctx, struct fc_error *e)
{
	int fd, rc;

	if ((rc = store_open(path, O_RDONLY, &fd, e)))
		return rc;
	return table_read_fd(fd, name, flags, fn, ctx, e);
}

/* Is path a symbolic link?  (A link where a file goes is refused before
 * anything is renamed over it.) */
static int refuse_link(const char *path, struct fc_error *e)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return link_refused(path, e);
	return 0;
}

/* ---- writing ---- */

int store_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd, rc;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return -1;
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* A file holding names becomes 0600 before anything more is written. */
static int tighten(const char *path, int fd, struct fc_error *e)
{
	struct stat st;
	mode_t want;

	if (fstat(fd, &st) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
	want = layout_mode(layout_base(path), st.st_mode & 07777, 0);
	if ((st.st_mode & 07777) != want && fchmod(fd, want) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot set its mode", path);
	return 0;
}

/* A temp file about to be renamed over the project's file name: a file
 * of names is 0600 before it lands, whatever mode it was left with. */
static int tighten_temp(const char *tmp, const char *name,
                        struct fc_error *e)
{
	struct stat st;
	mode_t want;

	if (lstat(tmp, &st) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", tmp);
	want = layout_mode(name, st.st_mode & 07777, 0);
	if ((st.st_mode & 07777) != want && chmod(tmp, want) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot set its mode", tmp);
	return 0;
}

int store_append(const char *path, const char *data, size_t len,
                 struct fc_error *e)
{
	struct stat st;
	int fd, rc;

	if ((rc = store_open(path, O_WRONLY | O_APPEND, &fd, e)))
		return rc;
	if ((rc = tighten(path, fd, e)) || fstat(fd, &st) < 0) {
		rc = rc ? rc : fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
		close(fd);
		return rc;
	}
	if (store_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", path);
		/* Take back whatever part went in: the file stays as it was. */
		if (ftruncate(fd, st.st_size) == 0)
			(void)fsync(fd);
		close(fd);
		return rc;
	}
	if (close(fd) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot write", path);
	return 0;
}

/* Open a new temp file beside path ("PATH.PID.N.tmp"); its name goes to
 * tmp.  Created with its final mode, so that 0600 is never wider, even for
 * a moment. */
static int open_temp(const char *path, mode_t mode, char *tmp, size_t size)
{
	for (int i = 0; i < 100; i++) {
		int fd;
		if (snprintf(tmp, size, "%s.%ld.%d.tmp", path, (long)getpid(), i) >=
		    (int)size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		          mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* What a temp file was made of: the old file's size and digest (old_size
 * -1 when there was none), the new file's. */
struct versions {
	long long old_size, new_size;
	char old_hex[SHA256_HEX], new_hex[SHA256_HEX];
};

/* Copy copy_fd into fd (and into both digests). */
static int copy_into(int fd, int copy_fd, struct sha256 *old, struct sha256 *now,
                     long long *size)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(copy_fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || store_write_all(fd, chunk, (size_t)n) < 0 ||
		    sha256_add(old, chunk, (size_t)n) < 0 ||
		    sha256_add(now, chunk, (size_t)n) < 0)
			return -1;
		*size += n;
	}
	return 0;
}

/* Write the content of copy_fd (when >= 0) then data into a new temp file
 * beside path, fsync it; its name goes to tmp, what it holds to v. */
static int write_temp(const char *path, int copy_fd, const char *data,
                      size_t len, mode_t mode, char *tmp, size_t size,
                      struct versions *v, struct fc_error *e)
{
	struct sha256 old = { 0 }, now = { 0 };
	int fd = open_temp(path, mode, tmp, size);
	int rc = 0;

	if (fd < 0)
		return fc_fail_errno(e, errno == EACCES || errno == ENOENT ||
		                     errno == EROFS ? FC_CANTCREAT : FC_IOERR,
		                     "%s: cannot create", path);
	v->old_size = copy_fd >= 0 ? 0 : -1;
	v->new_size = 0;
	/* The umask may have narrowed the mode asked for. */
	if (fchmod(fd, mode) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot set its mode", tmp);
	if (!rc && (sha256_begin(&old) < 0 || sha256_begin(&now) < 0))
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc && copy_fd >= 0 &&
	    copy_into(fd, copy_fd, &old, &now, &v->old_size) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot copy", path);
	v->new_size = v->old_size > 0 ? v->old_size : 0;
	if (!rc && (store_write_all(fd, data, len) < 0 || fsync(fd) < 0))
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (!rc && sha256_add(&now, data ? data : "", len) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	v->new_size += (long long)len;
	if (!rc && (sha256_end(&old, v->old_hex) < 0 ||
	            sha256_end(&now, v->new_hex) < 0))
		rc = fc_fail(e, FC_IOERR, "SHA-256 failed");
	sha256_drop(&old);
	sha256_drop(&now);
	if (close(fd) < 0 && !rc)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (rc)
		unlink(tmp);
	return rc;
}

static int rename_in(const char *tmp, const char *path, struct fc_error *e)
{
	int rc;

	if (rename(tmp, path) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot rename to %s", tmp,
		                   path);
		unlink(tmp);
		return rc;
	}
	if (fsync_dir(path) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot sync its folder",
		                     path);
	return 0;
}

int store_replace(const char *path, const char *data, size_t len, mode_t mode,
                  struct fc_error *e)
{
	char tmp[PATH_MAX];
	struct versions v;
	struct stat st;
	int rc;

	if ((rc = refuse_link(path, e)))
		return rc;
	mode = layout_mode(layout_base(path), stat(path, &st) == 0 ?
	                   (long)(st.st_mode & 07777) : -1, mode);
	if ((rc = write_temp(path, -1, data, len, mode, tmp, sizeof tmp, &v, e)))
		return rc;
	return rename_in(tmp, path, e);
}

int store_slurp(const char *path, char **data, size_t *len,
                struct fc_error *e)
{
	char *p = NULL;
	size_t n = 0, cap = 0;
	int fd, rc;

	if ((rc = store_open(path, O_RDONLY, &fd, e)))
		return rc;
	for (;;) {
		ssize_t got;
		if (cap - n < 4096) {
			char *q = realloc(p, cap = cap ? cap * 2 : 8192);
			if (!q) {
				free(p);
				close(fd);
				return fc_fail(e, FC_IOERR, "out of memory");
			}
			p = q;
		}
		got = read(fd, p + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
			free(p);
			close(fd);
			return rc;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	p[n] = '\0';
	*data = p;
	if (len)
		*len = n;
	return 0;
}

/* ---- the journal ---- */

/* One line of a journal: the temp file, its target, what the target held
 * before (size -1 when it did not exist) and what the temp file holds. */
struct jline {
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

/* Check that a journal line is one our writers produce; NULL, or why
 * not. */
static const char *jline_parse(char *s, struct jline *j)
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
static bool named_before(const struct jline *jl, size_t n,
                         const struct jline *j)
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

/* Read and check a whole journal: every line ours, or nothing done. */
static int journal_read(const char *path, struct jline *jl, size_t *n,
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
	if (len > JOURNAL_MAX || memchr(data, '\0', len))
		why = N_("not a text of a few lines");
	for (at = data; !why && (line = next_line(&at, data + len, &torn));) {
		no++;
		if (no == 1)
			why = strcmp(line, JOURNAL_MAGIC) ? N_("its first line is "
			      "not 'flashcoop journal 1'") : NULL;
		else if (*n == STORE_MAX_CHANGES)
			why = N_("too many lines");
		else if (!(why = jline_parse(line, &jl[*n])) &&
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
		return fc_fail(e, FC_DATAERR, "%s:%d: not a journal that flashcoop "
		               "writes (%s): nothing was renamed; if no flashcoop "
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

/* What became of one line of a journal. */
enum jstate {
	J_TODO,       /* its temp file waits, its target as it was: rename */
	J_DONE,       /* renamed: the target is the new version */
	J_GIVEN_UP,   /* temp file gone, target as it was: the writer gave
	                 up before the journal could count (nothing to do) */
};

/* The state of line j, or an exit code when it cannot be finished. */
static int jline_state(const char *dir, const char *journal,
                       const struct jline *j, enum jstate *st,
                       struct fc_error *e)
{
	char tmp[PATH_MAX], target[PATH_MAX];
	int tmp_new, target_old, target_new;

	if (join(tmp, sizeof tmp, dir, j->tmp) < 0 ||
	    join(target, sizeof target, dir, j->target) < 0)
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
		               "write was journaled in %s (its new version is "
		               "%s): nothing was replaced; compare the two, keep "
		               "what is right, then remove %s and the temp file",
		               target, journal, tmp, journal);
	if (target_new || target_old) {
		*st = target_new ? J_DONE : J_GIVEN_UP;
		return 0;
	}
	return fc_fail(e, FC_DATAERR, "%s: the interrupted write it journals "
	               "cannot be finished: %s is gone or not its new version, "
	               "and %s is neither its old one nor its new one; look at "
	               "the files, then remove %s", journal, tmp, target,
	               journal);
}

static int journal_remove(const char *journal, struct fc_error *e)
{
	if (fsync_dir(journal) < 0 || unlink(journal) < 0 ||
	    fsync_dir(journal) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot finish an "
		                     "interrupted write", journal);
	return 0;
}

/* Finish a commit whose journal landed: every line checked first, then
 * the temp files renamed over their targets. */
static int recover(const char *dir, struct fc_error *e)
{
	struct jline jl[STORE_MAX_CHANGES];
	enum jstate st[STORE_MAX_CHANGES];
	char journal[PATH_MAX];
	size_t n, given_up = 0;
	int rc;

	if (join(journal, sizeof journal, dir, PROJECT_JOURNAL) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((rc = journal_read(journal, jl, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = jline_state(dir, journal, &jl[i], &st[i], e)))
			return rc;
		given_up += st[i] == J_GIVEN_UP;
	}
	/* A write given up is given up whole; a mix is no state of ours. */
	if (given_up && given_up != n)
		return fc_fail(e, FC_DATAERR, "%s: the interrupted write it "
		               "journals is half done and cannot be finished; "
		               "look at the files, then remove %s", journal,
		               journal);
	for (size_t i = 0; i < n; i++) {
		char tmp[PATH_MAX], target[PATH_MAX];
		if (st[i] != J_TODO)
			continue;
		if (join(tmp, sizeof tmp, dir, jl[i].tmp) < 0 ||
		    join(target, sizeof target, dir, jl[i].target) < 0 ||
		    (rc = tighten_temp(tmp, jl[i].target, e)) ||
		    rename(tmp, target) < 0)
			return rc ? rc : fc_fail_errno(e, FC_IOERR, "%s: cannot "
			                               "finish an interrupted "
			                               "write", target);
	}
	return journal_remove(journal, e);
}

/* Temp files of the project's files ("NAME.PID.N.tmp" beside NAME, the
 * journal's own too) with the lock held exclusive and no journal: their
 * writers are gone, so they are litter.  Files of other names are not
 * ours, whatever they look like. */
static void remove_orphans(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		bool ours = temp_of(de->d_name, PROJECT_JOURNAL);
		char path[PATH_MAX];
		for (size_t i = 0; !ours && i < layout_nfiles; i++)
			ours = temp_of(de->d_name, layout_files[i].name);
		if (ours && join(path, sizeof path, dir, de->d_name) == 0)
			unlink(path);
	}
	closedir(d);
}

/* ---- the lock ---- */

/* flock op on fd, trying again every 50 ms for limit_ms: 0, or -1 with
 * errno (EWOULDBLOCK when the time ran out). */
static int lock_wait(int fd, int op, long limit_ms)
{
	for (long waited = 0;; waited += 50) {
		if (flock(fd, op | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (waited >= limit_ms) {
			errno = EWOULDBLOCK;
			return -1;
		}
		nap(50);
	}
}

/* With the lock in hand, finish a commit that a killed process left; a
 * reader takes the lock exclusive for that moment. */
static int after_lock(const char *dir, struct store_lock *l, bool exclusive,
                      struct fc_error *e)
{
	char path[PATH_MAX];
	struct stat st;
	int rc;

	if (join(path, sizeof path, dir, PROJECT_JOURNAL) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (lstat(path, &st) < 0) {
		if (exclusive)
			remove_orphans(dir);
		return 0;
	}
	/* A reader finishes the commit too, but waits no longer for it than
	 * a writer would for the lock. */
	if (!exclusive && l->fd >= 0 &&
	    lock_wait(l->fd, LOCK_EX, lock_timeout_ms()) < 0) {
		rc = errno == EWOULDBLOCK ?
		     fc_fail(e, FC_TEMPFAIL, "%s: project busy: an interrupted "
		             "write waits to be finished; try again", dir) :
		     fc_fail_errno(e, FC_IOERR, "%s: cannot lock", dir);
		store_unlock(l);
		return rc;
	}
	rc = recover(dir, e);
	if (!rc && !exclusive && l->fd >= 0 && flock(l->fd, LOCK_SH) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot lock", dir);
	if (rc)
		store_unlock(l);
	return rc;
}

/* Open the lock file, creating it, never through a link. */
static int open_lock(const char *path, bool exclusive, int *fd,
                     struct fc_error *e)
{
	int rc;

	*fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
	           0644);
	if (*fd < 0 && !exclusive && (errno == EACCES || errno == EROFS))
		return 0; /* a reader of a read-only project goes without */
	if (*fd < 0)
		return errno == ELOOP || errno == EMLINK ? link_refused(path, e) :
		       fc_fail_errno(e, FC_IOERR, "%s: cannot open the lock", path);
	if ((rc = regular(path, *fd, e))) {
		close(*fd);
		*fd = -1;
	}
	return rc;
}

int store_lock(const char *dir, bool exclusive, struct store_lock *l,
               struct fc_error *e)
{
	char path[PATH_MAX];
	int rc;

	l->fd = -1;
	if (join(path, sizeof path, dir, PROJECT_LOCK) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((rc = open_lock(path, exclusive, &l->fd, e)))
		return rc;
	if (l->fd < 0)
		return after_lock(dir, l, exclusive, e);
	if (lock_wait(l->fd, exclusive ? LOCK_EX : LOCK_SH,
	              lock_timeout_ms()) == 0)
		return after_lock(dir, l, exclusive, e);
	if (errno != EWOULDBLOCK) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot lock", path);
		store_unlock(l);
		return rc;
	}
	store_unlock(l);
	return fc_fail(e, FC_TEMPFAIL,
	               "%s: project busy: another flashcoop command holds the "
	               "lock; try again", dir);
}

void store_unlock(struct store_lock *l)
{
	if (l->fd >= 0)
		close(l->fd); /* closing releases the flock */
	l->fd = -1;
}

int store_note_get(const struct store_lock *l, char *buf, size_t size)
{
	ssize_t n;

	if (l->fd < 0 || size == 0)
		return -1;
	do
		n = pread(l->fd, buf, size - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

void store_note_set(const struct store_lock *l, const char *text)
{
	size_t n = strlen(text);

	if (l->fd < 0)
		return;
	if (pwrite(l->fd, text, n, 0) != (ssize_t)n ||
	    ftruncate(l->fd, (off_t)n) < 0)
		(void)ftruncate(l->fd, 0); /* no note rather than a torn one */
}

/* ---- several files at once ---- */

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

static int journal_line(struct buf *j, const char *tmp, const char *target,
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

/* The temp file of one change, and its journal line. */
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
	if (fd < 0 && (rc = refuse_link(c->path, e)))
		return rc;
	if (fd >= 0 && fstat(fd, &st) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat", c->path);
		close(fd);
		return rc;
	}
	mode = layout_mode(layout_base(c->path), fd >= 0 ?
	                   (long)(st.st_mode & 07777) : -1, 0644);
	rc = write_temp(c->path, c->whole ? -1 : fd, c->data, c->len, mode, tmp,
	                size, &v, e);
	if (!rc && c->whole && fd >= 0 && (rc = digest_fd(c->path, fd, &v, e)))
		unlink(tmp);
	if (fd >= 0)
		close(fd);
	if (!rc && (rc = journal_line(j, tmp, c->path, &v, e)))
		unlink(tmp);
	return rc;
}

/* Put the journal in place.  Should its folder not sync, it is taken
 * back (the temp files are removed by the caller): a journal whose temp
 * files are gone and whose targets are as they were is read as a write
 * given up, so even one left behind harms nothing. */
static int journal_write(const char *journal, const struct buf *j,
                         struct fc_error *e)
{
	char tmp[PATH_MAX];
	struct versions v;
	int rc;

	if ((rc = refuse_link(journal, e)) ||
	    (rc = write_temp(journal, -1, j->p, j->len, 0644, tmp, sizeof tmp,
	                     &v, e)))
		return rc;
	if (rename(tmp, journal) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", journal);
		unlink(tmp);
		return rc;
	}
	if (fsync_dir(journal) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot sync its folder",
		                   journal);
		unlink(journal);
		return rc;
	}
	return 0;
}

int store_commit(const char *dir, const struct store_change *c, size_t n,
                 struct fc_error *e)
{
	char tmp[STORE_MAX_CHANGES][PATH_MAX], journal[PATH_MAX];
	struct buf j = { 0 };
	size_t made = 0;
	int rc = 0;

	if (n > STORE_MAX_CHANGES)
		return fc_fail(e, FC_IOERR, "too many files in one commit");
	if (!n)
		return 0;
	if (buf_puts(&j, JOURNAL_MAGIC "\n") < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	for (; !rc && made < n; made++)
		if ((rc = stage(&c[made], tmp[made], sizeof tmp[made], &j, e)))
			break;
	/* The journal is the commit point: once it is in place, the next
	 * lock finishes what a killed process left. */
	if (!rc && join(journal, sizeof journal, dir, PROJECT_JOURNAL) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (!rc)
		rc = journal_write(journal, &j, e);
	buf_free(&j);
	if (rc) {
		for (size_t i = 0; i < made; i++)
			unlink(tmp[i]);
		return rc;
	}
	/* Past the journal the commit stands: the renames follow (the lock
	 * is held, nothing changed the targets since they were read); if
	 * they fail now, the next lock finishes them. */
	for (size_t i = 0; i < n; i++)
		if (rename(tmp[i], c[i].path) < 0)
			return 0;
	(void)journal_remove(journal, e);
	return 0;
}
