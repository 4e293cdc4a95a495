#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "flashcoop/error.h"
#include "flashcoop/sign.h"

/* The key file, byte for byte: the magic line, then the seed and a LF. */
#define KEY_MAGIC "flashcoop ed25519 key 1\n"
#define MAGIC_LEN (sizeof KEY_MAGIC - 1)
#define SEED_HEX (2 * SIGN_SEED_BYTES)
#define KEY_FILE_LEN (MAGIC_LEN + SEED_HEX + 1)

/* libsodium ready (sodium_init() is idempotent and thread-safe). */
static int ready(struct fc_error *e)
{
	if (sodium_init() < 0)
		return fc_fail(e, FC_IOERR, "cannot initialise libsodium");
	return 0;
}

static bool is_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* n lowercase hex digits at s (no NUL needed after them). */
static bool hex_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_lower_hex(s[i]))
			return false;
	return true;
}

/* Exactly n lowercase hex digits, then the end of s. */
static bool hex_string(const char *s, size_t n)
{
	if (!s)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_lower_hex(s[i])) /* stops at the NUL of a short s */
			return false;
	return s[n] == '\0';
}

/* 2n hex digits, checked already, into n bytes. */
static void unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char h = s[2 * i], l = s[2 * i + 1];
		int hi = h <= '9' ? h - '0' : h - 'a' + 10;
		int lo = l <= '9' ? l - '0' : l - 'a' + 10;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
}

bool sign_public_valid(const char *s)
{
	return hex_string(s, SIGN_PUBLIC_HEX - 1);
}

/* A name that stays in its folder. */
static bool folder_safe(const char *s)
{
	return s && *s && strcmp(s, ".") != 0 && strcmp(s, "..") != 0 &&
	       !strchr(s, '/');
}

int sign_key_path(const char *project_id, const char *terminal, char *buf,
                  size_t size, struct fc_error *e)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *base, *sub;
	int n;

	if (!folder_safe(project_id))
		return fc_fail(e, FC_DATAERR, "project id '%s': cannot name a key "
		               "folder (empty, '.', '..' or holding '/')",
		               project_id ? project_id : "");
	if (!folder_safe(terminal))
		return fc_fail(e, FC_DATAERR, "terminal '%s': cannot name a key "
		               "file (empty, '.', '..' or holding '/')",
		               terminal ? terminal : "");
	/* The XDG spec: a relative $XDG_CONFIG_HOME is ignored. */
	if (xdg && xdg[0] == '/') {
		base = xdg;
		sub = "";
	} else if (home && home[0] == '/') {
		base = home;
		sub = "/.config";
	} else {
		return fc_fail(e, FC_NOINPUT, "no folder for the keys: neither "
		               "$XDG_CONFIG_HOME nor $HOME is an absolute path");
	}
	n = snprintf(buf, size, "%s%s/flashcoop/keys/%s/%s.key", base, sub,
	             project_id, terminal);
	if (n < 0 || (size_t)n >= size)
		return fc_fail(e, FC_IOERR, "%s: path too long", base);
	return 0;
}

/* ---- the pair ---- */

static void derive(const unsigned char seed[SIGN_SEED_BYTES],
                   struct sign_key *k)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];

	crypto_sign_seed_keypair(pk, k->secret, seed);
	sodium_bin2hex(k->public_hex, sizeof k->public_hex, pk, sizeof pk);
}

int sign_key_from_seed(const unsigned char seed[SIGN_SEED_BYTES],
                       struct sign_key *k)
{
	if (ready(NULL))
		return FC_IOERR;
	derive(seed, k);
	return 0;
}

void sign_key_wipe(struct sign_key *k)
{
	sodium_memzero(k->secret, sizeof k->secret);
}

void sign_hex(const struct sign_key *k, const void *msg, size_t len,
              char sig[SIGN_SIGNATURE_HEX])
{
	unsigned char s[crypto_sign_BYTES];

	crypto_sign_detached(s, NULL, msg ? msg : "", len, k->secret);
	sodium_bin2hex(sig, SIGN_SIGNATURE_HEX, s, sizeof s);
}

bool sign_verify_hex(const char *public_hex, const void *msg, size_t len,
                     const char *sig_hex)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], s[crypto_sign_BYTES];

	if (!sign_public_valid(public_hex) ||
	    !hex_string(sig_hex, SIGN_SIGNATURE_HEX - 1) || ready(NULL))
		return false;
	unhex(public_hex, pk, sizeof pk);
	unhex(sig_hex, s, sizeof s);
	return crypto_sign_verify_detached(s, msg ? msg : "", len, pk) == 0;
}

/* ---- the folders ---- */

/* fsync the folder holding path. */
static int sync_parent(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	int fd, rc;

	if (n >= sizeof dir)
		return -1;
	memcpy(dir, path, n);
	dir[n] = '\0';
	/* The key's folder (~/.config may be a link): only fsync'ed, nothing
	 * read or written there, so following a link is harmless.  Written
	 * here, not with store_fsync_dir: sign is a leaf and knows no store. */
	fd = open(n ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* no O_NOFOLLOW: only fsync'ed */
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The folders of the key file path, each created 0700 when missing. */
static int make_folders(const char *path, struct fc_error *e)
{
	char dir[PATH_MAX];
	char *p;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return fc_fail(e, FC_IOERR, "%s: path too long", path);
	for (p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			/* The umask may have narrowed it. */
			if (chmod(dir, 0700) < 0)
				return fc_fail_errno(e, FC_IOERR,
				                     "%s: cannot set its mode", dir);
			if (sync_parent(dir) < 0)
				return fc_fail_errno(e, FC_IOERR,
				                     "%s: cannot sync its folder", dir);
		} else if (errno != EEXIST) {
			return fc_fail_errno(e, FC_CANTCREAT,
			                     "%s: cannot create the folder", dir);
		}
		*p = '/';
	}
	return 0;
}

/* ---- writing a new key ---- */

static int already(const char *path, struct fc_error *e)
{
	return fc_fail(e, FC_CANTCREAT, "%s: a key already exists for this "
	               "terminal; flashcoop never replaces a key", path);
}

/* A new temp file beside path, 0600 from its first byte. */
static int open_temp(const char *path, char *tmp, size_t size)
{
	for (int i = 0; i < 100; i++) {
		int fd;
		if (snprintf(tmp, size, "%s.%ld.%d.tmp", path, (long)getpid(), i) >=
		    (int)size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		          0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* tmp in place at path, never over a file already there: a hard link
 * (then tmp removed), or where the file system has none, a rename that
 * does not replace. */
static int land(const char *tmp, const char *path, struct fc_error *e)
{
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EPERM || errno == ENOTSUP || errno == ENOSYS) {
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
			return 0;
	}
	if (errno == EEXIST)
		return already(path, e);
	return fc_fail_errno(e, errno == EACCES || errno == EROFS ?
	                     FC_CANTCREAT : FC_IOERR, "%s: cannot create", path);
}

/* The key file's text for seed into text (KEY_FILE_LEN bytes). */
static void key_text(const unsigned char seed[SIGN_SEED_BYTES], char *text)
{
	char hex[SEED_HEX + 1];

	sodium_bin2hex(hex, sizeof hex, seed, SIGN_SEED_BYTES);
	memcpy(text, KEY_MAGIC, MAGIC_LEN);
	memcpy(text + MAGIC_LEN, hex, SEED_HEX);
	text[KEY_FILE_LEN - 1] = '\n';
	sodium_memzero(hex, sizeof hex);
}

static int write_key(const char *path, const char *text, struct fc_error *e)
{
	char tmp[PATH_MAX];
	int fd = open_temp(path, tmp, sizeof tmp);
	int rc = 0;

	if (fd < 0)
		return fc_fail_errno(e, errno == EACCES || errno == ENOENT ||
		                     errno == EROFS ? FC_CANTCREAT : FC_IOERR,
		                     "%s: cannot create", path);
	/* The umask may have narrowed it; never wider than 0600. */
	if (fchmod(fd, 0600) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot set its mode", tmp);
	if (!rc && (write_all(fd, text, KEY_FILE_LEN) < 0 || fsync(fd) < 0))
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (close(fd) < 0 && !rc)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot write", tmp);
	if (!rc)
		rc = land(tmp, path, e);
	if (rc) {
		unlink(tmp);
		return rc;
	}
	if (sync_parent(path) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot sync its folder",
		                     path);
	return 0;
}

int sign_key_create(const char *project_id, const char *terminal,
                    struct sign_key *k, struct fc_error *e)
{
	unsigned char seed[SIGN_SEED_BYTES];
	char path[PATH_MAX], text[KEY_FILE_LEN];
	int rc;

	if ((rc = sign_key_path(project_id, terminal, path, sizeof path, e)) ||
	    (rc = ready(e)))
		return rc;
	if ((rc = make_folders(path, e)))
		return rc;
	randombytes_buf(seed, sizeof seed);
	key_text(seed, text);
	rc = write_key(path, text, e);
	if (!rc)
		derive(seed, k);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(text, sizeof text);
	return rc;
}

/* ---- reading a key ---- */

static int open_key(const char *path, int *fd, struct fc_error *e)
{
	struct stat st;

	/* Non-blocking: a planted FIFO cannot hang us. */
	*fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (*fd < 0) {
		if (errno == ELOOP || errno == EMLINK)
			return fc_fail(e, FC_DATAERR, "%s: is a symbolic link; "
			               "flashcoop reads a key only from the file "
			               "itself", path);
		return fc_fail_errno(e, errno == ENOENT || errno == ENOTDIR ?
		                     FC_NOINPUT : FC_IOERR, "%s: cannot open", path);
	}
	if (fstat(*fd, &st) < 0) {
		close(*fd);
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(*fd);
		return fc_fail(e, FC_DATAERR, "%s: is not a regular file", path);
	}
	if (st.st_mode & 077) {
		close(*fd);
		return fc_fail(e, FC_DATAERR, "%s: others may read or change this "
		               "private key (mode %03o): chmod 600 %s", path,
		               (unsigned)(st.st_mode & 0777), path);
	}
	return 0;
}

/* Up to size bytes of fd into buf; the count, or -1. */
static ssize_t read_some(int fd, char *buf, size_t size)
{
	size_t n = 0;

	while (n < size) {
		ssize_t got = read(fd, buf + n, size - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return (ssize_t)n;
}

/* The seed of a key file's text: exactly KEY_FILE_LEN bytes. */
static int parse_key(const char *path, const char *text, size_t n,
                     unsigned char seed[SIGN_SEED_BYTES], struct fc_error *e)
{
	if (n < MAGIC_LEN || memcmp(text, KEY_MAGIC, MAGIC_LEN) != 0)
		return fc_fail(e, FC_DATAERR, "%s:1: not a flashcoop key file",
		               path);
	if (n < KEY_FILE_LEN || !hex_digits(text + MAGIC_LEN, SEED_HEX) ||
	    text[KEY_FILE_LEN - 1] != '\n')
		return fc_fail(e, FC_DATAERR, "%s:2: not a key (64 lowercase hex "
		               "digits and a line end)", path);
	if (n != KEY_FILE_LEN)
		return fc_fail(e, FC_DATAERR, "%s:3: text after the key", path);
	unhex(text + MAGIC_LEN, seed, SIGN_SEED_BYTES);
	return 0;
}

int sign_key_load(const char *project_id, const char *terminal,
                  struct sign_key *k, struct fc_error *e)
{
	unsigned char seed[SIGN_SEED_BYTES];
	char path[PATH_MAX], text[KEY_FILE_LEN + 1];
	ssize_t n;
	int fd, rc;

	if ((rc = sign_key_path(project_id, terminal, path, sizeof path, e)) ||
	    (rc = ready(e)) || (rc = open_key(path, &fd, e)))
		return rc;
	/* One byte more than a key file: enough to see there is more. */
	n = read_some(fd, text, sizeof text);
	if (n < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
	close(fd);
	if (!rc)
		rc = parse_key(path, text, (size_t)n, seed, e);
	if (!rc)
		derive(seed, k);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(text, sizeof text);
	return rc;
}
