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

#include "flashcoop/buf.h"
#include "flashcoop/i18n.h"
#include "flashcoop/layout.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

#include "store_internal.h"


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
int store_join(char *buf, size_t size, const char *dir, const char *name)
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
int store_refuse_link(const char *path, struct fc_error *e)
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

int store_fsync_dir(const char *path)
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
	/* The folder itself, which may be reached through a link (the user's
	 * own path to the project): only fsync'ed, nothing read or written,
	 * so following it is harmless; O_NOFOLLOW guards the files. */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* no O_NOFOLLOW: only fsync'ed */
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
int store_tighten_temp(const char *tmp, const char *name,
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
int store_write_temp(const char *path, int copy_fd, const char *data,
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

int store_rename_in(const char *tmp, const char *path, struct fc_error *e)
{
	int rc;

	if (rename(tmp, path) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot rename to %s", tmp,
		                   path);
		unlink(tmp);
		return rc;
	}
	if (store_fsync_dir(path) < 0)
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

	if ((rc = store_refuse_link(path, e)))
		return rc;
	mode = layout_mode(layout_base(path), stat(path, &st) == 0 ?
	                   (long)(st.st_mode & 07777) : -1, mode);
	if ((rc = store_write_temp(path, -1, data, len, mode, tmp, sizeof tmp, &v, e)))
		return rc;
	return store_rename_in(tmp, path, e);
}

/* Why a new file cannot go to path, when it cannot: a link, a file. */
static int refuse_existing(const char *path, struct fc_error *e)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		return S_ISLNK(st.st_mode) ?
		       fc_fail(e, FC_CANTCREAT, "%s: is a symbolic link; a file "
		               "is not written through a link", path) :
		       fc_fail(e, FC_CANTCREAT, "%s: already exists; it is never "
		               "replaced", path);
	if (errno != ENOENT)
		return fc_fail_errno(e, FC_CANTCREAT, "%s: cannot create", path);
	return 0;
}

/* Give tmp its name path, never over a file that appeared since:
 * renameat2's RENAME_NOREPLACE, or link(2) where it is not supported. */
static int land(const char *tmp, const char *path, struct fc_error *e)
{
	int rc = -1, err;

#ifdef RENAME_NOREPLACE
	rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
#endif
	if (rc < 0 && (rc = link(tmp, path)) == 0)
		(void)unlink(tmp);
	if (rc < 0) {
		err = errno;
		if (err == EEXIST && (rc = refuse_existing(path, e)))
			return rc;
		errno = err;
		return fc_fail_errno(e, err == EEXIST ? FC_CANTCREAT : FC_IOERR,
		                     "%s: cannot rename to %s", tmp, path);
	}
	/* Not durable: taken back, so that a failure leaves nothing. */
	if (store_fsync_dir(path) < 0) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot sync its folder",
		                   path);
		(void)unlink(path);
		return rc;
	}
	return 0;
}

int store_create(const char *path, const char *data, size_t len, mode_t mode,
                 struct fc_error *e)
{
	char tmp[PATH_MAX];
	struct versions v;
	int rc;

	if ((rc = refuse_existing(path, e)) ||
	    (rc = store_write_temp(path, -1, data, len, mode, tmp, sizeof tmp,
	                           &v, e)))
		return rc;
	if ((rc = land(tmp, path, e)))
		(void)unlink(tmp);
	return rc;
}

int store_slurp(const char *path, char **data, size_t *len,
                struct fc_error *e)
{
	struct buf b = { 0 };
	int fd, rc = 0;

	if ((rc = store_open(path, O_RDONLY, &fd, e)))
		return rc;
	for (;;) {
		ssize_t got;
		if (buf_reserve(&b, 8192) < 0) {
			rc = fc_fail(e, FC_IOERR, "out of memory");
			break;
		}
		got = read(fd, b.p + b.len, b.cap - b.len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
		if (got <= 0)
			break;
		b.len += (size_t)got;
	}
	close(fd);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	b.p[b.len] = '\0';
	*data = b.p;
	if (len)
		*len = b.len;
	return 0;
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

	if (store_join(path, sizeof path, dir, PROJECT_COMMIT) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (lstat(path, &st) < 0) {
		if (exclusive)
			store_remove_orphans(dir);
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
	rc = store_recover(dir, e);
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
	if (store_join(path, sizeof path, dir, PROJECT_LOCK) < 0)
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

