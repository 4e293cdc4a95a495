/*
 * libFuzzer target: the reader of the period's archive (lib/archive.c), a
 * ustar tar file that flashcoop-check --archive reads on its own.
 *
 * Each input is read twice, from memory (archive_read_mem) and from a
 * file holding the same bytes (archive_read, in a folder under $TMPDIR
 * or /tmp made once and removed at exit), then its MANIFEST checked
 * (archive_verify_manifest).  Asserted:
 *  - no crash, no leak; each return is 0 or FC_DATAERR, and a failure has
 *    its code and a one-line message in the struct fc_error, the archive
 *    left empty;
 *  - both reads agree: the same return, the same message, the same top
 *    folder, date and members;
 *  - an archive read: MANIFEST first, a top folder of one name, members
 *    of sound names, none twice;
 *  - the members written again (archive_write_mem, the same top folder
 *    and date) make an archive that reads back and whose MANIFEST holds;
 *    and when the input's MANIFEST held, they make the input itself, byte
 *    for byte, the zero blocks after the end aside: the reader takes
 *    nothing but what the writer writes.
 *
 * No seed corpus: half of the mutations are libFuzzer's, then the
 * checksum of every header is made right again (a byte mutator seldom
 * gets it right); one in sixteen replaces the input with an archive made
 * here, of up to three members whose names, data, modes and date come
 * from the mutator's seed.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/archive.h"
#include "flashcoop/buf.h"
#include "flashcoop/error.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_archive: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

#define BLOCK 512

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static char folder[PATH_MAX], path[PATH_MAX];

static void cleanup(void)
{
	unlink(path);
	rmdir(folder);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(folder, sizeof folder, "%s/fuzz-archive.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(folder)) {
		perror(folder);
		exit(1);
	}
	snprintf(path, sizeof path, "%s/input.tar", folder);
	atexit(cleanup);
	return 0;
}

static void put_file(const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) ||
	    close(fd) != 0)
		FAIL("cannot write %s: %s", path, strerror(errno));
}

static void check_failure(const char *what, int rc, const struct fc_error *e,
                          const struct archive *a)
{
	if (rc != FC_DATAERR)
		FAIL("%s returned %d (%s)", what, rc, e->msg);
	if (e->code != rc || e->msg[0] == '\0' || strchr(e->msg, '\n'))
		FAIL("%s: code %d, message '%s'", what, e->code, e->msg);
	if (a && (a->n || a->v))
		FAIL("%s failed and left %zu members", what, a->n);
}

static bool sound_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > ARCHIVE_NAME_MAX - 2 || s[0] == '/' ||
	    s[n - 1] == '/' || strstr(s, "//"))
		return false;
	for (const char *p = s; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		            "0123456789._-/", *p))
			return false;
	return strcmp(s, ".") && strcmp(s, "..") && strncmp(s, "./", 2) &&
	       strncmp(s, "../", 3) && !strstr(s, "/./") &&
	       !strstr(s, "/../") &&
	       (n < 2 || strcmp(s + n - 2, "/.")) &&
	       (n < 3 || strcmp(s + n - 3, "/.."));
}

static void check_read(const struct archive *a, const char *top)
{
	if (a->n < 1 || strcmp(a->v[0].name, ARCHIVE_MANIFEST) != 0)
		FAIL("read, without MANIFEST first");
	if (a->n > ARCHIVE_MAX_MEMBERS)
		FAIL("read %zu members", a->n);
	if (!sound_name(top) || strchr(top, '/') ||
	    strlen(top) >= ARCHIVE_TOP_SIZE)
		FAIL("read, top folder '%s'", top);
	for (size_t i = 0; i < a->n; i++) {
		if (!sound_name(a->v[i].name) || !a->v[i].data)
			FAIL("read member %zu '%s'", i, a->v[i].name);
		if (strlen(top) + 1 + strlen(a->v[i].name) > ARCHIVE_NAME_MAX)
			FAIL("read member '%s/%s': too long", top, a->v[i].name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(a->v[i].name, a->v[j].name) == 0)
				FAIL("read '%s' twice", a->v[i].name);
	}
}

/* The same top folder, date and members (from member first on). */
static void same_reads(const struct archive *a, const char *top_a,
                       const struct archive *b, const char *top_b,
                       size_t first)
{
	if (strcmp(top_a, top_b) || a->n != b->n || a->mtime != b->mtime)
		FAIL("the two reads differ: '%s' %zu %lld, '%s' %zu %lld", top_a,
		     a->n, a->mtime, top_b, b->n, b->mtime);
	for (size_t i = first; i < a->n; i++)
		if (strcmp(a->v[i].name, b->v[i].name) ||
		    a->v[i].len != b->v[i].len ||
		    a->v[i].personal != b->v[i].personal ||
		    memcmp(a->v[i].data, b->v[i].data, a->v[i].len))
			FAIL("the two reads differ at member %zu", i);
}

/* The members (MANIFEST aside) written again. */
static void rewrite(const struct archive *a, const char *top, bool held,
                    const uint8_t *data, size_t size)
{
	struct archive rest = { a->v + 1, a->n - 1, a->n - 1, 0 }, back;
	char top2[ARCHIVE_TOP_SIZE];
	struct buf b = { 0 };
	struct fc_error e;
	int rc;

	if ((rc = archive_write_mem(&rest, top, a->mtime, &b, &e)))
		FAIL("members read cannot be written: %d %s", rc, e.msg);
	if ((rc = archive_read_mem(b.p, b.len, "rewritten", &back, top2,
	                           sizeof top2, &e)) ||
	    (rc = archive_verify_manifest(&back, &e)))
		FAIL("an archive written is refused: %s", e.msg);
	/* MANIFEST made again: the same only when the input's held. */
	same_reads(a, top, &back, top2, held ? 0 : 1);
	archive_free(&back);
	if (held) {
		if (b.len > size || memcmp(b.p, data, b.len) != 0)
			FAIL("an archive whose MANIFEST holds is not what "
			     "archive_write writes (%zu bytes, written %zu)", size,
			     b.len);
		for (size_t i = b.len; i < size; i++)
			if (data[i])
				FAIL("byte %zu after the end is not zero", i);
	}
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct archive a, f;
	char top[ARCHIVE_TOP_SIZE] = "", top_f[ARCHIVE_TOP_SIZE] = "";
	struct fc_error e = { 0 }, ef = { 0 };
	int rc, rc_f;

	rc = archive_read_mem(data, size, path, &a, top, sizeof top, &e);
	put_file(data, size);
	rc_f = archive_read(path, &f, top_f, sizeof top_f, &ef);
	if (rc != rc_f || (rc && strcmp(e.msg, ef.msg)))
		FAIL("memory: %d '%s'; file: %d '%s'", rc, e.msg, rc_f, ef.msg);
	if (rc) {
		check_failure("archive_read_mem", rc, &e, &a);
		return 0;
	}
	same_reads(&a, top, &f, top_f, 0);
	archive_free(&f);
	check_read(&a, top);
	rc = archive_verify_manifest(&a, &e);
	if (rc)
		check_failure("archive_verify_manifest", rc, &e, NULL);
	rewrite(&a, top, rc == 0, data, size);
	archive_free(&a);
	return 0;
}

/* ---- mutations ---- */

static unsigned rng;

static unsigned rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* The checksum of every block that looks like a header, made right. */
static void fix_checksums(uint8_t *data, size_t size)
{
	for (size_t off = 0; off + BLOCK <= size; off += BLOCK) {
		uint8_t *h = data + off;
		unsigned sum = 0;

		if (memcmp(h + 257, "ustar", 5) != 0)
			continue;
		memset(h + 148, ' ', 8);
		for (int i = 0; i < BLOCK; i++)
			sum += h[i];
		for (int i = 5; i >= 0; i--, sum >>= 3)
			h[148 + i] = (uint8_t)('0' + (sum & 7));
		h[154] = '\0';
		h[155] = ' ';
	}
}

/* An archive of up to three members made from the seed; 0 when it does
 * not fit. */
static size_t made(uint8_t *data, size_t max_size)
{
	static const char *const tops[] = { "T", "FC-2026-05-cookies-20260510",
	                                    "a.b_c-d" };
	static const char *const names[] = { "ledger.csv", "hours.csv",
	                                     "participants.csv", "days/z.csv",
	                                     "MANIFEST.old", "x", "x/y" };
	struct archive a = { 0 };
	struct buf b = { 0 };
	struct fc_error e;
	unsigned char bytes[700];
	size_t n = 0, k = rnd(4);
	long long mtime = rnd(3) ? 1778436000LL + rnd(1000) : rnd(2) ?
	                  0 : 077777777777LL;

	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (unsigned char)(rnd(4) ? 'a' + rnd(26) : rnd(256));
	for (size_t i = 0; i < k; i++)   /* a name twice is refused: fine */
		(void)archive_add(&a, names[rnd(sizeof names / sizeof *names)],
		                  bytes + rnd(100), rnd(3) ? rnd(40) : rnd(600),
		                  rnd(3) == 0, &e);
	if (archive_write_mem(&a, tops[rnd(3)], mtime, &b, &e) == 0 &&
	    b.len <= max_size) {
		memcpy(data, b.p, b.len);
		n = b.len;
	}
	buf_free(&b);
	archive_free(&a);
	return n;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                               unsigned seed)
{
	size_t n;

	rng = seed;
	if (rnd(16) == 0 && (n = made(data, max_size)))
		return n;
	size = LLVMFuzzerMutate(data, size, max_size);
	if (rnd(2))
		fix_checksums(data, size);
	return size;
}
