#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/archive.h"
#include "flashcoop/buf.h"
#include "flashcoop/i18n.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"

#include "archive_internal.h"

/*
 * The dated archive of a period: a ustar tar file written by hand, and
 * read back only as written (archive.h says the format).
 */

#define BLOCK 512

/* Where each field of a ustar header begins (POSIX.1-2001, pax(1)). */
enum {
	H_MODE = 100, H_UID = 108, H_GID = 116, H_SIZE = 124, H_MTIME = 136,
	H_CHKSUM = 148, H_TYPE = 156, H_MAGIC = 257, H_VERSION = 263,
	H_DEVMAJOR = 329, H_DEVMINOR = 337
};

/* The largest number in 11 octal digits: mtime up to the year 2242. */
#define OCTAL11_MAX 077777777777ULL



static const unsigned char zeros[BLOCK];

static const char too_large[] =
	N_("larger than 1 GiB: not an archive flashcoop writes");

/* ---- names ---- */

const char *archive_shown(const char *s, size_t n, char out[SHOWN])
{
	size_t k = 0;

	for (size_t i = 0; i < n && k < SHOWN - 4; i++) {
		unsigned char c = (unsigned char)s[i];
		out[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (k < n) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* Why s (n bytes) cannot name a member under the top folder, or NULL. */
static const char *name_problem(const char *s, size_t n)
{
	size_t part = 0;

	if (n == 0)
		return N_("the name is empty");
	if (s[0] == '/')
		return N_("the name starts with '/'");
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			if (part == 0 || (part == 1 && s[i - 1] == '.') ||
			    (part == 2 && s[i - 1] == '.' && s[i - 2] == '.'))
				return N_("the name has an empty, '.' or '..' part");
			part = 0;
		} else if (!name_char((unsigned char)s[i])) {
			return N_("the name holds a character other than letters, "
			          "digits, '.', '_', '-' and '/'");
		} else {
			part++;
		}
	}
	/* The shortest top folder ("T/") must fit in the header too. */
	if (n > ARCHIVE_NAME_MAX - 2)
		return N_("the name is too long for a tar header: 100 bytes "
		          "with the top folder and its '/'");
	return NULL;
}

static const char *top_problem(const char *top)
{
	size_t n = strlen(top);

	if (n && strchr(top, '/'))
		return N_("a top folder is one name, without '/'");
	if (n + 1 + strlen(ARCHIVE_MANIFEST) > ARCHIVE_NAME_MAX)
		return N_("the name is too long for a tar header: 100 bytes "
		          "with the top folder and its '/'");
	return name_problem(top, n);
}

/* Why name (n bytes) cannot join a's members, or NULL: a name twice, or
 * a file where another member needs a folder (tar xf could not make both). */
static const char *clash(const struct archive *a, const char *name, size_t n)
{
	for (size_t i = 0; i < a->n; i++) {
		const char *m = a->v[i].name;
		size_t k = strlen(m);

		if (memcmp(m, name, k < n ? k : n) != 0)
			continue;
		if (k == n)
			return N_("another member has this name");
		if ((k < n && name[k] == '/') || (n < k && m[n] == '/'))
			return N_("one member would be a folder holding the "
			          "other");
	}
	return NULL;
}

/* ---- members ---- */

/* Take name and data (malloc'd) as the last member; -1 out of memory. */
static int push(struct archive *a, char *name, unsigned char *data,
                size_t len, bool personal)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		struct archive_member *v = realloc(a->v, cap * sizeof *v);
		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n].name = name;
	a->v[a->n].data = data;
	a->v[a->n].len = len;
	a->v[a->n].personal = personal;
	a->n++;
	return 0;
}

int archive_add(struct archive *a, const char *name, const void *data,
                size_t len, bool personal, struct fc_error *e)
{
	size_t n = strlen(name);
	const char *why = name_problem(name, n);
	char show[SHOWN], *copy;
	unsigned char *bytes;

	if (!why && strcmp(name, ARCHIVE_MANIFEST) == 0)
		why = N_("MANIFEST is written from the other members");
	if (!why)
		why = clash(a, name, n);
	if (why)
		return fc_fail(e, FC_DATAERR, "archive member '%s': %s",
		               archive_shown(name, n, show), gettext(why));
	if (a->n >= ARCHIVE_MAX_MEMBERS - 1)
		return fc_fail(e, FC_DATAERR, "more than %d archive members",
		               ARCHIVE_MAX_MEMBERS);
	copy = strdup(name);
	bytes = malloc(len ? len : 1);
	if (copy && bytes && len)
		memcpy(bytes, data, len);
	if (!copy || !bytes || push(a, copy, bytes, len, personal) < 0) {
		free(copy);
		free(bytes);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	return 0;
}

const struct archive_member *archive_find(const struct archive *a,
                                          const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, name) == 0)
			return &a->v[i];
	return NULL;
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].name);
		free(a->v[i].data);
	}
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
	a->mtime = 0;
}

/* ---- headers ---- */

/* v in w - 1 octal digits and a NUL. */
static void octal(unsigned char *f, size_t w, unsigned long long v)
{
	f[w - 1] = '\0';
	for (size_t i = w - 1; i-- > 0; v >>= 3)
		f[i] = (unsigned char)('0' + (v & 7));
}

/* Exactly w octal digits (as octal() writes them, the NUL aside). */
static bool parse_octal(const unsigned char *f, size_t w,
                        unsigned long long *v)
{
	*v = 0;
	for (size_t i = 0; i < w; i++) {
		if (f[i] < '0' || f[i] > '7')
			return false;
		*v = *v << 3 | (unsigned long long)(f[i] - '0');
	}
	return true;
}

/* The sum of a header's bytes, its checksum field counted as spaces. */
static unsigned long header_sum(const unsigned char *h)
{
	unsigned long sum = 0;

	for (size_t i = 0; i < BLOCK; i++)
		sum += i >= H_CHKSUM && i < H_CHKSUM + 8 ? ' ' : h[i];
	return sum;
}

static size_t padding(unsigned long long len)
{
	return (size_t)((BLOCK - len % BLOCK) % BLOCK);
}

/* The header of one member, TOP/NAME (at most 100 bytes, checked). */
static void header(unsigned char *h, const char *top, const char *name,
                   bool personal, unsigned long long size,
                   unsigned long long mtime)
{
	size_t t = strlen(top);

	memset(h, 0, BLOCK);
	memcpy(h, top, t);
	h[t] = '/';
	memcpy(h + t + 1, name, strlen(name));
	octal(h + H_MODE, 8, personal ? 0600 : 0644);
	octal(h + H_UID, 8, 0);
	octal(h + H_GID, 8, 0);
	octal(h + H_SIZE, 12, size);
	octal(h + H_MTIME, 12, mtime);
	h[H_TYPE] = '0';
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	octal(h + H_DEVMAJOR, 8, 0);
	octal(h + H_DEVMINOR, 8, 0);
	/* Six digits, a NUL and a space, as tar writes it. */
	octal(h + H_CHKSUM, 7, header_sum(h));
	h[H_CHKSUM + 7] = ' ';
}

/* ---- writing ---- */

/* Everything archive_write would refuse, before a byte is written. */
static int check_all(const struct archive *a, const char *top,
                     long long mtime, struct fc_error *e)
{
	const char *why = top_problem(top);
	unsigned long long total = 3 * BLOCK, manifest = 0;
	size_t t = strlen(top);
	char show[SHOWN];

	if (why)
		return fc_fail(e, FC_DATAERR, "archive top folder '%s': %s",
		               archive_shown(top, t, show), gettext(why));
	if (mtime < 0 || (unsigned long long)mtime > OCTAL11_MAX)
		return fc_fail(e, FC_DATAERR, "archive date %lld is not one a "
		               "tar header holds (1970 to 2242)", mtime);
	if (a->n > ARCHIVE_MAX_MEMBERS - 1)
		return fc_fail(e, FC_DATAERR, "more than %d archive members",
		               ARCHIVE_MAX_MEMBERS);
	for (size_t i = 0; i < a->n; i++) {
		const struct archive_member *m = &a->v[i];
		struct archive before = { a->v, i, i, 0 };
		size_t n = strlen(m->name);

		why = name_problem(m->name, n);
		if (!why && strcmp(m->name, ARCHIVE_MANIFEST) == 0)
			why = N_("MANIFEST is written from the other members");
		if (!why && t + 1 + n > ARCHIVE_NAME_MAX)
			why = N_("the name is too long for a tar header: 100 "
			         "bytes with the top folder and its '/'");
		if (!why)
			why = clash(&before, m->name, n);
		if (why)
			return fc_fail(e, FC_DATAERR, "archive member '%s': %s",
			               archive_shown(m->name, n, show), gettext(why));
		/* 10000 members of 1 GiB at most each: no overflow. */
		total += BLOCK + (m->len > ARCHIVE_MAX_BYTES ?
		                  ARCHIVE_MAX_BYTES + 1 : m->len) + padding(m->len);
		manifest += LINE_EXTRA + n;
	}
	if (total + manifest + padding(manifest) > ARCHIVE_MAX_BYTES)
		return fc_fail(e, FC_DATAERR, "the archive would be larger "
		               "than 1 GiB");
	return 0;
}

/* The MANIFEST, in sha256sum's format. */
static int manifest(const struct archive *a, struct buf *m,
                    struct fc_error *e)
{
	char hex[SHA256_HEX];

	for (size_t i = 0; i < a->n; i++) {
		if (sha256_bytes(a->v[i].data, a->v[i].len, hex) < 0)
			return fc_fail(e, FC_IOERR, "SHA-256 failed");
		if (buf_add(m, hex, 64) < 0 || buf_add(m, "  ", 2) < 0 ||
		    buf_puts(m, a->v[i].name) < 0 || buf_add(m, "\n", 1) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
	}
	return 0;
}

/* Where the bytes go: a file, or memory. */
struct sink {
	struct buf *b;
};

/* 0, or -1 when out of memory. */
static int put(struct sink *s, const void *p, size_t n)
{
	return n ? buf_add(s->b, p, n) : 0;
}

static int put_member(struct sink *s, const char *top, const char *name,
                      bool personal, const void *data, size_t len,
                      long long mtime)
{
	unsigned char h[BLOCK];

	header(h, top, name, personal, len, (unsigned long long)mtime);
	if (put(s, h, BLOCK) < 0 || put(s, data, len) < 0)
		return -1;
	return put(s, zeros, padding(len));
}

static int emit(const struct archive *a, const char *top, long long mtime,
                const struct buf *m, struct sink *s)
{
	if (put_member(s, top, ARCHIVE_MANIFEST, false, m->p, m->len,
	               mtime) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++)
		if (put_member(s, top, a->v[i].name, a->v[i].personal,
		               a->v[i].data, a->v[i].len, mtime) < 0)
			return -1;
	if (put(s, zeros, BLOCK) < 0)
		return -1;
	return put(s, zeros, BLOCK);
}

int archive_write_mem(const struct archive *a, const char *top,
                      long long mtime, struct buf *out, struct fc_error *e)
{
	struct buf m = { 0 };
	struct sink s = { out };
	size_t len0 = out->len;
	int rc;

	if ((rc = check_all(a, top, mtime, e)) || (rc = manifest(a, &m, e))) {
		buf_free(&m);
		return rc;
	}
	if (emit(a, top, mtime, &m, &s) < 0) {
		out->len = len0;
		if (out->p)
			out->p[len0] = '\0';
		rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	buf_free(&m);
	return rc;
}

/* An archive is never written over a file, nor through a link. */
int archive_write(const struct archive *a, const char *top, long long mtime,
                  const char *path, struct fc_error *e)
{
	struct buf out = { 0 };
	mode_t mode = 0644;
	int rc;

	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].personal)
			mode = 0600;
	if (!(rc = archive_write_mem(a, top, mtime, &out, e)))
		rc = store_create(path, out.p, out.len, mode, e);
	buf_free(&out);
	return rc;
}

/* ---- reading ---- */

/* Where the bytes come from: memory, or a file read with pread. */
struct source {
	const unsigned char *mem;
	int fd;
	size_t size;
	const char *what;
};

/* n bytes at off (within the size); -1 with errno when the file fails. */
static int get(const struct source *s, size_t off, void *dst, size_t n)
{
	unsigned char *to = dst;

	if (s->mem) {
		memcpy(to, s->mem + off, n);
		return 0;
	}
	while (n > 0) {
		ssize_t got = pread(s->fd, to, n, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO; /* shorter than it was */
			return -1;
		}
		to += got;
		off += (size_t)got;
		n -= (size_t)got;
	}
	return 0;
}

/* A header as read: its whole name, the name under the top folder. */
struct entry {
	char name[ARCHIVE_NAME_MAX + 1];
	const char *rel;
	bool personal;
	unsigned long long size, mtime;
};

/* Why header h (the index-th, from 0) is not one archive_write writes, or
 * NULL; the first one gives the top folder (top) and the date (a). */
static const char *header_problem(const unsigned char *h, size_t index,
                                  char *top, struct archive *a,
                                  struct entry *en)
{
	size_t n = strnlen((const char *)h, ARCHIVE_NAME_MAX);
	unsigned long long sum, mode;
	unsigned char want[BLOCK];
	const char *why;
	char *slash;

	memcpy(en->name, h, n);
	en->name[n] = '\0';
	if (!parse_octal(h + H_CHKSUM, 6, &sum) || h[H_CHKSUM + 6] != '\0' ||
	    h[H_CHKSUM + 7] != ' ' || sum != header_sum(h))
		return N_("its header's checksum is wrong");
	if (memcmp(h + H_MAGIC, "ustar", 6) != 0 ||
	    memcmp(h + H_VERSION, "00", 2) != 0)
		return N_("its header is not a POSIX ustar header");
	if (h[H_TYPE] != '0')
		return N_("it is not a regular file (a folder, a link...)");
	slash = strchr(en->name, '/');
	if (index == 0) {
		if (!slash || strcmp(slash + 1, ARCHIVE_MANIFEST) != 0)
			return N_("the first member is not TOP/MANIFEST");
		*slash = '\0';
		why = top_problem(en->name);
		strcpy(top, en->name);
		*slash = '/';
		if (why)
			return why;
	} else if (!slash || strncmp(en->name, top, (size_t)(slash - en->name))
	           != 0 || top[slash - en->name] != '\0') {
		return N_("it is not under the top folder of MANIFEST");
	}
	en->rel = slash + 1;
	if ((why = name_problem(en->rel, strlen(en->rel))))
		return why;
	if (!parse_octal(h + H_MODE, 7, &mode) ||
	    !parse_octal(h + H_SIZE, 11, &en->size) ||
	    !parse_octal(h + H_MTIME, 11, &en->mtime))
		return N_("its header has a number flashcoop does not write");
	if (mode != 0644 && mode != 0600)
		return N_("its mode is neither 0644 nor 0600");
	en->personal = mode == 0600;
	if (index == 0)
		a->mtime = (long long)en->mtime;
	else if (en->mtime != (unsigned long long)a->mtime)
		return N_("its date is not the one of MANIFEST");
	header(want, top, en->rel, en->personal, en->size, en->mtime);
	if (memcmp(want, h, BLOCK) != 0)
		return N_("its header has fields flashcoop does not write "
		          "(an owner, a link, a prefix...)");
	return NULL;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* The index-th member, whose header h is at *off: read, checked, added;
 * *off moves past it. */
static int read_member(const struct source *s, const unsigned char *h,
                       size_t *off, char *top, struct archive *a,
                       struct fc_error *e)
{
	unsigned char pad[BLOCK], *data = NULL;
	size_t index = a->n, room = s->size - *off - BLOCK, len;
	const char *why;
	struct entry en;
	char show[SHOWN], *name = NULL;

	if (!(why = header_problem(h, index, top, a, &en)) &&
	    (en.size > room || padding(en.size) > room - en.size))
		why = N_("its data run past the end of the file (cut short?)");
	if (!why && index > 0)
		why = clash(a, en.rel, strlen(en.rel));
	if (why)
		return fc_fail(e, FC_DATAERR, "%s: member %zu, '%s': %s", s->what,
		               index + 1, archive_shown(en.name, strlen(en.name), show),
		               gettext(why));
	len = (size_t)en.size;
	*off += BLOCK;
	if (!(data = malloc(len ? len : 1)) || !(name = strdup(en.rel))) {
		free(data);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	if (get(s, *off, data, len) < 0 ||
	    get(s, *off + len, pad, padding(len)) < 0) {
		free(data);
		free(name);
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", s->what);
	}
	if (!all_zero(pad, padding(len))) {
		free(data);
		free(name);
		why = N_("the bytes after its data are not zeros");
		return fc_fail(e, FC_DATAERR, "%s: member %zu, '%s': %s", s->what,
		               index + 1, archive_shown(en.name, strlen(en.name), show),
		               gettext(why));
	}
	if (push(a, name, data, len, en.personal) < 0) {
		free(data);
		free(name);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	*off += len + padding(len);
	return 0;
}

static int refused(const struct source *s, const char *why,
                   struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "%s: %s", s->what, gettext(why));
}

/* The end, at off (a zero block): two zero blocks or more, nothing else. */
static int read_end(const struct source *s, size_t off, struct fc_error *e)
{
	unsigned char chunk[64 * BLOCK];
	const char *why = NULL;

	if (s->size - off < 2 * BLOCK)
		why = N_("it does not end with two zero blocks (cut short?)");
	else if (s->size % BLOCK)
		why = N_("its size is not a whole number of 512-byte blocks");
	for (off += BLOCK; !why && off < s->size;) {
		size_t n = s->size - off < sizeof chunk ? s->size - off :
		           sizeof chunk;
		if (get(s, off, chunk, n) < 0)
			return fc_fail_errno(e, FC_IOERR, "%s: cannot read", s->what);
		if (!all_zero(chunk, n))
			why = N_("bytes other than zeros follow its end");
		off += n;
	}
	return why ? refused(s, why, e) : 0;
}

static int read_all(const struct source *s, struct archive *a, char *top,
                    size_t topsize, struct fc_error *e)
{
	unsigned char h[BLOCK];
	char first[ARCHIVE_TOP_SIZE] = "";
	size_t off = 0;
	int rc = 0;

	*a = (struct archive){ 0 };
	if (s->size > ARCHIVE_MAX_BYTES)
		return refused(s, too_large, e);
	for (;;) {
		if (s->size - off < BLOCK) {
			rc = refused(s, s->size == 0 ? N_("it is empty") :
			             N_("it ends inside a header (cut short?)"), e);
			break;
		}
		if (get(s, off, h, BLOCK) < 0) {
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", s->what);
			break;
		}
		if (all_zero(h, BLOCK)) {
			rc = a->n > 0 ? read_end(s, off, e) :
			     refused(s, N_("it holds no member, not even a "
			                   "MANIFEST"), e);
			break;
		}
		if (a->n == ARCHIVE_MAX_MEMBERS) {
			rc = fc_fail(e, FC_DATAERR, "%s: more than %d members",
			             s->what, ARCHIVE_MAX_MEMBERS);
			break;
		}
		if ((rc = read_member(s, h, &off, first, a, e)))
			break;
	}
	if (!rc && top && snprintf(top, topsize, "%s", first) >= (int)topsize)
		rc = refused(s, N_("its top folder's name is longer than the "
		                   "room given for it"), e);
	if (rc)
		archive_free(a);
	return rc;
}

int archive_read_mem(const void *data, size_t len, const char *what,
                     struct archive *a, char *top, size_t topsize,
                     struct fc_error *e)
{
	struct source s = { data, -1, len, what };

	return read_all(&s, a, top, topsize, e);
}

int archive_read(const char *path, struct archive *a, char *top,
                 size_t topsize, struct fc_error *e)
{
	struct source s = { NULL, -1, 0, path };
	struct stat st;
	int rc;

	*a = (struct archive){ 0 };
	if ((rc = store_open(path, O_RDONLY, &s.fd, e)))
		return rc;
	if (fstat(s.fd, &st) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot stat", path);
	else if ((unsigned long long)st.st_size > ARCHIVE_MAX_BYTES)
		rc = refused(&s, too_large, e);
	else {
		s.size = (size_t)st.st_size;
		rc = read_all(&s, a, top, topsize, e);
	}
	close(s.fd);
	return rc;
}
