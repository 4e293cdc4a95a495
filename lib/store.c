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

#include "flashcoop/store.h"
#include "flashcoop/table.h"

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

#define JOURNAL ".commit"

static int recover(const char *dir, struct fc_error *e);

/* Temp files of a writer killed before its journal landed ("NAME.PID.N.tmp"
 * beside NAME): the old files stand, so they are only litter.  Called with
 * the lock held exclusive: no live writer has one. */
static void remove_orphans(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		const char *n = de->d_name, *dot;
		size_t len = strlen(n);
		unsigned long pid, seq;
		char path[PATH_MAX], end[8];

		if (len < 5 || strcmp(n + len - 4, ".tmp") != 0)
			continue;
		/* NAME.PID.N.tmp: two numbers before .tmp */
		dot = n + len - 4;
		while (dot > n && dot[-1] != '.')
			dot--;
		if (dot <= n + 1)
			continue;
		const char *p2 = dot - 1;
		while (p2 > n && p2[-1] != '.')
			p2--;
		if (p2 <= n || sscanf(p2, "%lu.%lu%7s", &pid, &seq, end) != 3 ||
		    strcmp(end, ".tmp") != 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, n) <
		    (int)sizeof path)
			unlink(path);
	}
	closedir(d);
}

/* With the lock in hand, finish a commit that a killed process left; a
 * reader takes the lock exclusive for that moment. */
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

static int after_lock(const char *dir, struct store_lock *l, bool exclusive,
                      struct fc_error *e)
{
	char path[PATH_MAX];
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, JOURNAL);
	if (access(path, F_OK) < 0) {
		if (exclusive)
			remove_orphans(dir);
		return 0;
	}
	/* A reader finishes the commit too, but waits no longer for it than
	 * a writer would for the lock. */
	if (!exclusive && lock_wait(l->fd, LOCK_EX, lock_timeout_ms()) < 0) {
		rc = errno == EWOULDBLOCK ?
		     fc_fail(e, FC_TEMPFAIL, "%s: project busy: an interrupted "
		             "write waits to be finished; try again", dir) :
		     fc_fail_errno(e, FC_IOERR, "%s: cannot lock", dir);
		store_unlock(l);
		return rc;
	}
	rc = recover(dir, e);
	if (!rc && !exclusive && flock(l->fd, LOCK_SH) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot lock", dir);
	if (rc)
		store_unlock(l);
	return rc;
}



int store_lock(const char *dir, bool exclusive, struct store_lock *l,
               struct fc_error *e)
{
	char path[PATH_MAX];
	int rc;

	l->fd = -1;
	if (snprintf(path, sizeof path, "%s/.lock", dir) >= (int)sizeof path)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	l->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (l->fd < 0 && !exclusive && (errno == EACCES || errno == EROFS))
		return 0; /* a reader of a read-only project goes without */
	if (l->fd < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot open the lock", path);
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

int store_append(const char *path, const char *data, size_t len,
                 struct fc_error *e)
{
	struct stat st;
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	if (fd < 0)
		return fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT : FC_IOERR,
		                     "%s: cannot open", path);
	if (fstat(fd, &st) < 0) {
		int rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
		close(fd);
		return rc;
	}
	if (store_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		int rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", path);
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

/* Open a new temp file beside path; its name goes to tmp. */
static int open_temp(const char *path, mode_t mode, char *tmp, size_t size)
{
	for (int i = 0; i < 100; i++) {
		int fd;
		if (snprintf(tmp, size, "%s.%ld.%d.tmp", path, (long)getpid(), i) >=
		    (int)size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* Write the content of copy_fd (when >= 0) then data into a new temp file
 * beside path, fsync it; its name goes to tmp. */
static int write_temp(const char *path, int copy_fd, const char *data,
                      size_t len, mode_t mode, bool keep_mode, char *tmp,
                      size_t size, struct fc_error *e)
{
	int fd = open_temp(path, mode, tmp, size);
	int rc = 0;

	if (fd < 0)
		return fc_fail_errno(e, errno == EACCES || errno == ENOENT ||
		                     errno == EROFS ? FC_CANTCREAT : FC_IOERR,
		                     "%s: cannot create", path);
	/* A file replaced keeps its mode whatever the umask: 0664 stays
	 * 0664.  (Created from the first byte with mode, so 0600 is never
	 * wider, even for a moment.) */
	if (keep_mode && fchmod(fd, mode) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot set its mode", tmp);
	if (!rc && copy_fd >= 0) {
		char chunk[65536];
		ssize_t n;
		while ((n = read(copy_fd, chunk, sizeof chunk)) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 || store_write_all(fd, chunk, (size_t)n) < 0) {
				rc = fc_fail_errno(e, FC_IOERR, "%s: cannot copy", path);
				break;
			}
		}
	}
	if (!rc && (store_write_all(fd, data, len) < 0 || fsync(fd) < 0))
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (close(fd) < 0 && !rc)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (rc)
		unlink(tmp);
	return rc;
}

static int replace(const char *path, int copy_fd, const char *data,
                   size_t len, mode_t mode, bool keep_mode, struct fc_error *e)
{
	char tmp[PATH_MAX];
	int rc = write_temp(path, copy_fd, data, len, mode, keep_mode, tmp,
	                    sizeof tmp, e);

	if (rc)
		return rc;
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
	struct stat st;
	bool exists = stat(path, &st) == 0;
	/* A replaced file keeps its mode: 0600 stays 0600. */
	if (exists)
		mode = st.st_mode & 07777;
	return replace(path, -1, data, len, mode, exists, e);
}

int store_append_atomic(const char *path, const char *data, size_t len,
                        struct fc_error *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT : FC_IOERR,
		                     "%s: cannot open", path);
	if (fstat(fd, &st) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
		close(fd);
		return rc;
	}
	rc = replace(path, fd, data, len, st.st_mode & 07777, true, e);
	close(fd);
	return rc;
}

int store_slurp(const char *path, char **data, size_t *len,
                struct fc_error *e)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0;

	if (!f)
		return fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT : FC_IOERR,
		                     "%s: cannot open", path);
	for (;;) {
		size_t got;
		if (cap - n < 4096) {
			char *q = realloc(p, cap = cap ? cap * 2 : 8192);
			if (!q) {
				free(p);
				fclose(f);
				return fc_fail(e, FC_IOERR, "out of memory");
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(p);
		fclose(f);
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
	}
	fclose(f);
	p[n] = '\0';
	*data = p;
	if (len)
		*len = n;
	return 0;
}

/* ---- several files at once ---- */


/* Finish a commit whose journal landed: rename the temp files it names.
 * Without a journal, temp files left by a killed writer are removed. */
static int recover(const char *dir, struct fc_error *e)
{
	char path[PATH_MAX], *data, *line, *save = NULL;
	size_t len;
	int rc;

	if (snprintf(path, sizeof path, "%s/%s", dir, JOURNAL) >=
	    (int)sizeof path)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (access(path, F_OK) < 0)
		return 0;
	if ((rc = store_slurp(path, &data, &len, e)))
		return rc;
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), from[PATH_MAX], to[PATH_MAX];
		if (!tab)
			continue;
		*tab = '\0';
		snprintf(from, sizeof from, "%s/%s", dir, line);
		snprintf(to, sizeof to, "%s/%s", dir, tab + 1);
		if (rename(from, to) < 0 && errno != ENOENT) {
			free(data);
			return fc_fail_errno(e, FC_IOERR, "%s: cannot finish an "
			                     "interrupted write", to);
		}
	}
	free(data);
	if (fsync_dir(path) < 0 || unlink(path) < 0 || fsync_dir(path) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot finish an "
		                     "interrupted write", path);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int store_commit(const char *dir, const struct store_change *c, size_t n,
                 struct fc_error *e)
{
	char tmp[8][PATH_MAX], journal[PATH_MAX];
	struct buf j = { 0 };
	size_t made = 0;
	int rc = 0;

	if (n > 8)
		return fc_fail(e, FC_IOERR, "too many files in one commit");
	for (; made < n && !rc; made++) {
		struct stat st;
		int fd = open(c[made].path, O_RDONLY | O_CLOEXEC);
		bool whole = c[made].whole != 0;
		if (fd < 0 && !(whole && errno == ENOENT)) {
			rc = fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT :
			                   FC_IOERR, "%s: cannot open", c[made].path);
			break;
		}
		if (fd >= 0 && fstat(fd, &st) < 0)
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat",
			                   c[made].path);
		else
			rc = write_temp(c[made].path, whole ? -1 : fd, c[made].data,
			                c[made].len, fd >= 0 ? st.st_mode & 07777 :
			                c[made].whole, fd >= 0, tmp[made],
			                sizeof tmp[made], e);
		if (fd >= 0)
			close(fd);
		if (rc)
			break;
		if (buf_puts(&j, base_name(tmp[made])) < 0 ||
		    buf_add(&j, "\t", 1) < 0 ||
		    buf_puts(&j, base_name(c[made].path)) < 0 ||
		    buf_add(&j, "\n", 1) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	/* The journal is the commit point: once it is in place, the next
	 * lock finishes what a killed process left. */
	if (!rc && snprintf(journal, sizeof journal, "%s/%s", dir, JOURNAL) >=
	    (int)sizeof journal)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (!rc)
		rc = store_replace(journal, j.p, j.len, 0644, e);
	buf_free(&j);
	if (rc) {
		for (size_t i = 0; i < made && i < n; i++)
			unlink(tmp[i]);
		return rc;
	}
	/* Past the journal the commit stands: if the renames fail now, the
	 * next lock finishes them, so this is not a failure of the write. */
	(void)recover(dir, e);
	return 0;
}

