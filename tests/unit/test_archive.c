/*
 * Unit tests for lib/archive.c: the dated archive of a period, a ustar
 * tar file.  Written then read back equal; accepted by the system's tar
 * and sha256sum; the same bytes for the same members; its headers pinned
 * byte for byte; every single byte changed caught (by the reader or by
 * the MANIFEST), every truncation refused, random damage never a crash;
 * never written through a link nor over a file; bad names and the limits
 * refused; each refusal of the reader and of the MANIFEST check named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "flashcoop/archive.h"
#include "flashcoop/buf.h"
#include "flashcoop/error.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"

#define TOP "FC-2026-05-cookies-20260510"
#define MTIME 1778436000LL      /* 2026-05-10T18:00:00Z */
#define BLOCK 512

static char tmpdir[] = "/tmp/fc-test-archive-XXXXXX";

/* ---- renameat2(2), made to meet a file planted just before it, or to
 * be unsupported (as on some filesystems): this file defines it, so the
 * library's calls come here ---- */

static bool plant_first;        /* a file appears at the target first */
static bool no_renameat2;       /* EINVAL: the library falls back on link */

int renameat2(int fromfd, const char *from, int tofd, const char *to,
              unsigned flags)
{
	if (plant_first) {
		int fd = openat(tofd, to, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd >= 0) {
			(void)!write(fd, "planted\n", 8);
			close(fd);
		}
	}
	if (no_renameat2) {
		errno = EINVAL;
		return -1;
	}
	return (int)syscall(SYS_renameat2, fromfd, from, tofd, to, flags);
}

/* ---- the folder ---- */

static int rm_one(const char *p, const struct stat *st, int flag,
                  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level == 0)
		return 0;
	chmod(p, 0700);
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	umask(022);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rmdir(tmpdir);
}

/* Each test starts with an empty folder and a plain renameat2. */
static int empty(void **state)
{
	(void)state;
	plant_first = no_renameat2 = false;
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* tmpdir/name (a few at once). */
static const char *at(const char *name)
{
	static char ring[4][PATH_MAX];
	static int i;
	i = (i + 1) % 4;
	snprintf(ring[i], sizeof ring[i], "%s/%s", tmpdir, name);
	return ring[i];
}

static int entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void put(const char *p, const void *data, size_t len)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/* The whole file (to free). */
static unsigned char *slurp(const char *p, size_t *len)
{
	char *data = NULL;
	struct fc_error e;
	if (store_slurp(p, &data, len, &e) != 0)
		fail_msg("store_slurp: %s", e.msg);
	return (unsigned char *)data;
}

static mode_t mode_of(const char *p)
{
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	return st.st_mode & 07777;
}

/* ---- the members of a period ---- */

struct sample {
	const char *name;
	const char *data;
	size_t len;
	bool personal;
};

static char bytes256[256], block512[512], block513[513];

static const struct sample samples[] = {
	{ "flashcoop.ini", "[flashcoop]\nid = FC-2026-05-cookies\n", 0, false },
	{ "ledger.csv", "id,date,kind\nS00001,2026-05-05,sale\n", 0, false },
	{ "participants.csv", "id,name\nP001,Ada\n", 0, true },
	{ "empty.txt", "", 0, false },
	{ "bytes.bin", bytes256, 256, false },
	{ "days/block512", block512, 512, false },
	{ "days/block513", block513, 513, false },
	{ "hours.csv", "id,date,kind\nH00001,2026-05-06,hours\n", 0, false },
};
#define NSAMPLES (sizeof samples / sizeof *samples)

static size_t sample_len(size_t i)
{
	return samples[i].len ? samples[i].len : strlen(samples[i].data);
}

static void fill(struct archive *a)
{
	struct fc_error e;

	for (int i = 0; i < 256; i++)
		bytes256[i] = (char)i;
	memset(block512, 'x', sizeof block512);
	memset(block513, 'y', sizeof block513);
	*a = (struct archive){ 0 };
	for (size_t i = 0; i < NSAMPLES; i++)
		if (archive_add(a, samples[i].name, samples[i].data,
		                sample_len(i), samples[i].personal, &e) != 0)
			fail_msg("archive_add %s: %s", samples[i].name, e.msg);
}

/* The sample archive, in memory (to free). */
static unsigned char *sample_bytes(size_t *len)
{
	struct archive a;
	struct buf b = { 0 };
	struct fc_error e;

	fill(&a);
	if (archive_write_mem(&a, TOP, MTIME, &b, &e) != 0)
		fail_msg("archive_write_mem: %s", e.msg);
	archive_free(&a);
	*len = b.len;
	return (unsigned char *)b.p;
}

/* Read from memory, then check the MANIFEST: 0 or the first refusal. */
static int read_verify(const unsigned char *p, size_t len, struct fc_error *e)
{
	struct archive a;
	char top[ARCHIVE_TOP_SIZE];
	int rc = archive_read_mem(p, len, "t.tar", &a, top, sizeof top, e);

	if (rc == 0) {
		rc = archive_verify_manifest(&a, e);
		archive_free(&a);
	} else {
		assert_int_equal(a.n, 0);
		assert_null(a.v);
	}
	return rc;
}

/* The offset of the header of member i (0: MANIFEST). */
static size_t header_at(const unsigned char *p, size_t len, size_t i)
{
	size_t off = 0;
	for (; i > 0; i--) {
		unsigned long long size = strtoull((const char *)p + off + 124,
		                                   NULL, 8);
		off += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
	}
	assert_true(off + BLOCK <= len);
	return off;
}

/* A header's checksum made right again, after an edit. */
static void reheader(unsigned char *h)
{
	unsigned sum = 0;
	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 7, "%06o", sum);
	h[154] = '\0';
	h[155] = ' ';
}

static void expect_refusal(int rc, const struct fc_error *e, int code,
                           const char *words)
{
	assert_int_equal(rc, code);
	assert_int_equal(e->code, code);
	if (!strstr(e->msg, words))
		fail_msg("'%s' does not say '%s'", e->msg, words);
}

/* ---- written, then read back ---- */

static void test_roundtrip(void **state)
{
	struct archive a, b;
	struct fc_error e;
	char top[ARCHIVE_TOP_SIZE];
	const char *path = at("period.tar");
	(void)state;

	fill(&a);
	assert_int_equal(archive_write(&a, TOP, MTIME, path, &e), 0);
	assert_int_equal(entries(), 1);                 /* no temp file left */
	assert_int_equal(mode_of(path), 0600);          /* a personal member */
	assert_int_equal(archive_read(path, &b, top, sizeof top, &e), 0);
	assert_string_equal(top, TOP);
	assert_int_equal(b.mtime, MTIME);
	assert_int_equal(b.n, NSAMPLES + 1);
	assert_string_equal(b.v[0].name, "MANIFEST");
	assert_false(b.v[0].personal);
	for (size_t i = 0; i < NSAMPLES; i++) {
		assert_string_equal(b.v[i + 1].name, samples[i].name);
		assert_int_equal(b.v[i + 1].len, sample_len(i));
		assert_memory_equal(b.v[i + 1].data, samples[i].data,
		                    sample_len(i));
		assert_int_equal(b.v[i + 1].personal, samples[i].personal);
		assert_ptr_equal(archive_find(&b, samples[i].name), &b.v[i + 1]);
	}
	assert_ptr_equal(archive_find(&b, "MANIFEST"), &b.v[0]);
	assert_null(archive_find(&b, "nothing.csv"));
	assert_null(archive_find(&b, TOP "/ledger.csv"));
	assert_int_equal(archive_verify_manifest(&b, &e), 0);
	archive_free(&b);
	assert_int_equal(b.n, 0);
	assert_null(b.v);

	/* No member personal: the archive file is 0644. */
	archive_free(&a);
	assert_int_equal(archive_add(&a, "ledger.csv", "x\n", 2, false, &e), 0);
	assert_int_equal(archive_write(&a, TOP, MTIME, at("open.tar"), &e), 0);
	assert_int_equal(mode_of(at("open.tar")), 0644);
	archive_free(&a);
}

/* No member at all: a MANIFEST with no line. */
static void test_no_member(void **state)
{
	struct archive a = { 0 }, b;
	struct fc_error e;
	char top[ARCHIVE_TOP_SIZE];
	(void)state;

	assert_int_equal(archive_write(&a, "T", 0, at("none.tar"), &e), 0);
	assert_int_equal(archive_read(at("none.tar"), &b, top, sizeof top, &e),
	                 0);
	assert_string_equal(top, "T");
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].len, 0);
	assert_non_null(b.v[0].data);
	assert_int_equal(archive_verify_manifest(&b, &e), 0);
	archive_free(&b);
}

/* The bytes, pinned: headers, the MANIFEST, the padding, the end. */
static void test_layout(void **state)
{
	size_t len, off, pos = 0;
	unsigned char *p = sample_bytes(&len);
	struct buf manifest = { 0 };
	char hex[SHA256_HEX], want[BLOCK];
	(void)state;

	for (size_t i = 0; i < NSAMPLES; i++) {
		assert_int_equal(sha256_bytes(samples[i].data, sample_len(i), hex),
		                 0);
		buf_puts(&manifest, hex);
		buf_puts(&manifest, "  ");
		buf_puts(&manifest, samples[i].name);
		buf_puts(&manifest, "\n");
	}
	for (size_t i = 0; i <= NSAMPLES; i++) {
		const unsigned char *h = p + (off = header_at(p, len, i));
		size_t size = i ? sample_len(i - 1) : manifest.len;
		unsigned sum = 0;

		assert_int_equal(off, pos);
		snprintf(want, sizeof want, "%s/%s", TOP,
		         i ? samples[i - 1].name : "MANIFEST");
		assert_string_equal((const char *)h, want);
		assert_memory_equal(h + 100, i && samples[i - 1].personal ?
		                    "0000600" : "0000644", 8);
		assert_memory_equal(h + 108, "0000000\0" "0000000", 16);
		snprintf(want, sizeof want, "%011zo", size);
		assert_memory_equal(h + 124, want, 12);
		snprintf(want, sizeof want, "%011llo", (unsigned long long)MTIME);
		assert_memory_equal(h + 136, want, 12);
		assert_int_equal(h[156], '0');
		assert_memory_equal(h + 257, "ustar\0" "00", 8);
		for (int k = 0; k < BLOCK; k++)
			sum += k >= 148 && k < 156 ? ' ' : h[k];
		snprintf(want, sizeof want, "%06o", sum);
		assert_memory_equal(h + 148, want, 7);
		assert_int_equal(h[155], ' ');
		/* The data, then zeros to the block. */
		if (i)
			assert_memory_equal(h + BLOCK, samples[i - 1].data, size);
		else
			assert_memory_equal(h + BLOCK, manifest.p, size);
		for (size_t k = size; k % BLOCK; k++)
			assert_int_equal(h[BLOCK + k], 0);
		pos = off + BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
	}
	/* Two zero blocks, and nothing after. */
	assert_int_equal(len, pos + 2 * BLOCK);
	for (size_t k = pos; k < len; k++)
		assert_int_equal(p[k], 0);
	buf_free(&manifest);
	free(p);
}

/* The personal member's header says 0600, and only its. */
static void test_personal_mode(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	(void)state;

	for (size_t i = 0; i < NSAMPLES; i++) {
		const unsigned char *h = p + header_at(p, len, i + 1);
		assert_string_equal((const char *)h + 100,
		                    samples[i].personal ? "0000600" : "0000644");
	}
	free(p);
}

/* The same members, the same date: the same bytes, on disk and in memory. */
static void test_reproducible(void **state)
{
	struct archive a;
	struct fc_error e;
	struct buf b = { 0 };
	size_t n1, n2, n3;
	unsigned char *f1, *f2, *m;
	(void)state;

	fill(&a);
	assert_int_equal(archive_write(&a, TOP, MTIME, at("one.tar"), &e), 0);
	assert_int_equal(archive_write(&a, TOP, MTIME, at("two.tar"), &e), 0);
	f1 = slurp(at("one.tar"), &n1);
	f2 = slurp(at("two.tar"), &n2);
	m = sample_bytes(&n3);
	assert_int_equal(n1, n2);
	assert_int_equal(n1, n3);
	assert_memory_equal(f1, f2, n1);
	assert_memory_equal(f1, m, n1);
	/* Another date: other bytes (the headers only). */
	assert_int_equal(archive_write_mem(&a, TOP, MTIME + 1, &b, &e), 0);
	assert_int_equal(b.len, n1);
	assert_memory_not_equal(b.p, f1, n1);
	/* archive_write_mem appends. */
	assert_int_equal(archive_write_mem(&a, TOP, MTIME, &b, &e), 0);
	assert_int_equal(b.len, 2 * n1);
	assert_memory_equal(b.p + n1, f1, n1);
	buf_free(&b);
	free(f1);
	free(f2);
	free(m);
	archive_free(&a);
}

/* ---- the system's tar and sha256sum ---- */

static bool have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void test_system_tar(void **state)
{
	struct archive a;
	struct fc_error e;
	struct buf want = { 0 };
	char p[PATH_MAX];
	unsigned char *got;
	size_t len;
	(void)state;

	if (!have("tar") || !have("sha256sum")) {
		print_message("tar or sha256sum not found: skipped\n");
		skip();
	}
	fill(&a);
	assert_int_equal(archive_write(&a, TOP, MTIME, at("period.tar"), &e), 0);
	/* tar tf lists the members, in order. */
	assert_int_equal(run("tar tf '%s' >'%s' 2>'%s'", at("period.tar"),
	                     at("list"), at("err")), 0);
	buf_puts(&want, TOP "/MANIFEST\n");
	for (size_t i = 0; i < NSAMPLES; i++) {
		buf_puts(&want, TOP "/");
		buf_puts(&want, samples[i].name);
		buf_puts(&want, "\n");
	}
	got = slurp(at("list"), &len);
	assert_string_equal((char *)got, want.p);
	free(got);
	got = slurp(at("err"), &len);
	assert_string_equal((char *)got, "");   /* not a warning */
	free(got);
	/* tar xf unpacks them; sha256sum -c passes in the top folder. */
	assert_int_equal(mkdir(at("out"), 0755), 0);
	assert_int_equal(run("cd '%s' && tar xf '%s' 2>'%s'", at("out"),
	                     at("period.tar"), at("err")), 0);
	got = slurp(at("err"), &len);
	assert_string_equal((char *)got, "");
	free(got);
	snprintf(p, sizeof p, "%s/out/%s", tmpdir, TOP);
	assert_int_equal(run("cd '%s' && sha256sum -c --quiet --strict "
	                     "MANIFEST", p), 0);
	for (size_t i = 0; i < NSAMPLES; i++) {
		snprintf(p, sizeof p, "%s/out/%s/%s", tmpdir, TOP,
		         samples[i].name);
		got = slurp(p, &len);
		assert_int_equal(len, sample_len(i));
		assert_memory_equal(got, samples[i].data, len);
		free(got);
		assert_int_equal(mode_of(p), samples[i].personal ? 0600 : 0644);
	}
	/* And sha256sum -c can fail: a file changed after tar xf. */
	snprintf(p, sizeof p, "%s/out/%s/ledger.csv", tmpdir, TOP);
	put(p, "changed\n", 8);
	snprintf(p, sizeof p, "%s/out/%s", tmpdir, TOP);
	assert_int_not_equal(run("cd '%s' && sha256sum -c --quiet MANIFEST "
	                         ">/dev/null 2>&1", p), 0);
	buf_free(&want);
	archive_free(&a);
}

/* ---- damage ---- */

/* A byte of a member's data changed: a sound tar, a MANIFEST that no
 * longer holds, naming that member. */
static void test_data_changed(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	struct archive a;
	struct fc_error e;
	char top[ARCHIVE_TOP_SIZE];
	(void)state;

	p[header_at(p, len, 8) + BLOCK + 3] ^= 0x20;     /* hours.csv */
	put(at("bad.tar"), p, len);
	assert_int_equal(archive_read(at("bad.tar"), &a, top, sizeof top, &e),
	                 0);
	expect_refusal(archive_verify_manifest(&a, &e), &e, FC_DATAERR,
	               "hours.csv: its SHA-256 is not the one in MANIFEST "
	               "(line 8)");
	archive_free(&a);
	free(p);
}

/* A byte of a header changed: the checksum refuses it. */
static void test_header_changed(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	unsigned char *q = malloc(len);
	struct archive a;
	struct fc_error e;
	const size_t fields[] = { 3, 100, 110, 124, 130, 140, 150, 156, 200,
	                          258, 263, 300, 400, 511 };
	(void)state;

	for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
		memcpy(q, p, len);
		q[header_at(q, len, 2) + fields[f]] ^= 0x04;  /* ledger.csv */
		put(at("bad.tar"), q, len);
		expect_refusal(archive_read(at("bad.tar"), &a, NULL, 0, &e), &e,
		               FC_DATAERR, "bad.tar: member 3, '");
		expect_refusal(FC_DATAERR, &e, FC_DATAERR,
		               "its header's checksum is wrong");
		assert_int_equal(a.n, 0);
	}
	free(q);
	free(p);
}

/* Cut short anywhere: refused. */
static void test_truncated(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	struct fc_error e;
	struct archive a;
	(void)state;

	for (size_t n = 0; n < len; n++)
		assert_int_equal(read_verify(p, n, &e), FC_DATAERR);
	/* One zero block of the two lost, on disk. */
	put(at("cut.tar"), p, len - BLOCK);
	expect_refusal(archive_read(at("cut.tar"), &a, NULL, 0, &e), &e,
	               FC_DATAERR, "it does not end with two zero blocks");
	put(at("cut.tar"), p, len - 2 * BLOCK);
	expect_refusal(archive_read(at("cut.tar"), &a, NULL, 0, &e), &e,
	               FC_DATAERR, "it ends inside a header");
	/* In a member's data. */
	put(at("cut.tar"), p, header_at(p, len, 7) + BLOCK + 100);
	expect_refusal(archive_read(at("cut.tar"), &a, NULL, 0, &e), &e,
	               FC_DATAERR, "member 8, '" TOP "/days/block513': its "
	               "data run past the end of the file");
	put(at("cut.tar"), p, 0);
	expect_refusal(archive_read(at("cut.tar"), &a, NULL, 0, &e), &e,
	               FC_DATAERR, "it is empty");
	free(p);
}

/* More zero blocks after the end are fine (tar pads to its records);
 * anything else is not. */
static void test_trailing(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	unsigned char *q = calloc(1, len + 20 * BLOCK);
	struct fc_error e;
	(void)state;

	memcpy(q, p, len);
	assert_int_equal(read_verify(q, len + 18 * BLOCK, &e), 0);
	q[len + 5 * BLOCK + 7] = 'x';
	expect_refusal(read_verify(q, len + 18 * BLOCK, &e), &e, FC_DATAERR,
	               "t.tar: bytes other than zeros follow its end");
	q[len + 5 * BLOCK + 7] = 0;
	q[len - 1] = 1;
	expect_refusal(read_verify(q, len, &e), &e, FC_DATAERR,
	               "bytes other than zeros follow its end");
	q[len - 1] = 0;
	expect_refusal(read_verify(q, len + 100, &e), &e, FC_DATAERR,
	               "not a whole number of 512-byte blocks");
	/* All zeros: no MANIFEST. */
	expect_refusal(read_verify(q + len, 4 * BLOCK, &e), &e, FC_DATAERR,
	               "it holds no member");
	free(q);
	free(p);
}

/* Every byte of the archive changed in turn, two ways: the reader or the
 * MANIFEST catches each one. */
static void test_every_byte(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	struct fc_error e;
	(void)state;

	assert_int_equal(read_verify(p, len, &e), 0);
	for (size_t i = 0; i < len; i++) {
		const unsigned char flips[] = { 0x01, 0xa5 };
		for (size_t f = 0; f < sizeof flips; f++) {
			p[i] ^= flips[f];
			if (read_verify(p, len, &e) != FC_DATAERR)
				fail_msg("byte %zu ^ 0x%02x not caught", i, flips[f]);
			assert_true(e.msg[0] != '\0');
			p[i] ^= flips[f];
		}
	}
	free(p);
}

/* Random damage: bytes changed, cut, grown.  Never a crash (make sanitize
 * runs this under ASan and UBSan), never anything but 0 or 65. */
static void test_random_damage(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	unsigned char *q = malloc(len + 2 * BLOCK);
	unsigned seed = 20260510;
	struct fc_error e;
	int caught = 0;
	(void)state;

	for (int round = 0; round < 4000; round++) {
		size_t n = len, flips = 1 + (size_t)(rand_r(&seed) % 8);
		int rc;

		memcpy(q, p, len);
		memset(q + len, 0, 2 * BLOCK);
		for (size_t k = 0; k < flips; k++) {
			size_t at_ = (size_t)rand_r(&seed) % len;
			/* Half the time near a header, where the checks are. */
			if (rand_r(&seed) % 2)
				at_ = header_at(p, len, (size_t)rand_r(&seed) %
				                (NSAMPLES + 1)) + (size_t)rand_r(&seed) %
				      BLOCK;
			q[at_] = (unsigned char)rand_r(&seed);
		}
		if (rand_r(&seed) % 8 == 0)
			n = (size_t)rand_r(&seed) % (len + 2 * BLOCK);
		rc = read_verify(q, n, &e);
		if (rc != 0 && rc != FC_DATAERR)
			fail_msg("round %d: %d (%s)", round, rc, e.msg);
		caught += rc == FC_DATAERR;
	}
	assert_true(caught > 3900);
	free(q);
	free(p);
}

/* ---- where it is written ---- */

static void test_symlink_refused(void **state)
{
	struct archive a, b;
	struct fc_error e;
	size_t len;
	unsigned char *got;
	(void)state;

	fill(&a);
	put(at("victim"), "victim\n", 7);
	assert_int_equal(symlink("victim", at("link.tar")), 0);
	expect_refusal(archive_write(&a, TOP, MTIME, at("link.tar"), &e), &e,
	               FC_CANTCREAT, "link.tar: is a symbolic link");
	got = slurp(at("victim"), &len);
	assert_string_equal((char *)got, "victim\n");
	free(got);
	/* A dangling link: nothing made where it points. */
	assert_int_equal(symlink("nowhere.tar", at("dangling.tar")), 0);
	expect_refusal(archive_write(&a, TOP, MTIME, at("dangling.tar"), &e),
	               &e, FC_CANTCREAT, "is a symbolic link");
	assert_int_equal(access(at("nowhere.tar"), F_OK), -1);
	assert_int_equal(entries(), 3);                 /* no temp file */
	/* Nor read through one. */
	assert_int_equal(archive_write(&a, TOP, MTIME, at("real.tar"), &e), 0);
	assert_int_equal(symlink("real.tar", at("to-real.tar")), 0);
	expect_refusal(archive_read(at("to-real.tar"), &b, NULL, 0, &e), &e,
	               FC_DATAERR, "symbolic link");
	archive_free(&a);
}

static void test_existing_kept(void **state)
{
	struct archive a;
	struct fc_error e;
	size_t len;
	unsigned char *got;
	(void)state;

	fill(&a);
	put(at("period.tar"), "keep me\n", 8);
	expect_refusal(archive_write(&a, TOP, MTIME, at("period.tar"), &e), &e,
	               FC_CANTCREAT, "period.tar: already exists");
	got = slurp(at("period.tar"), &len);
	assert_string_equal((char *)got, "keep me\n");
	free(got);
	/* A folder in its place. */
	assert_int_equal(mkdir(at("dir.tar"), 0755), 0);
	expect_refusal(archive_write(&a, TOP, MTIME, at("dir.tar"), &e), &e,
	               FC_CANTCREAT, "already exists");
	/* Written once, not twice. */
	assert_int_equal(archive_write(&a, TOP, MTIME, at("new.tar"), &e), 0);
	expect_refusal(archive_write(&a, TOP, MTIME + 1, at("new.tar"), &e), &e,
	               FC_CANTCREAT, "already exists");
	/* A folder that does not exist. */
	expect_refusal(archive_write(&a, TOP, MTIME, at("no/such.tar"), &e), &e,
	               FC_CANTCREAT, "no/such.tar: cannot create");
	assert_int_equal(entries(), 3);
	archive_free(&a);
}

/* A file that appears between the check and the rename is kept, with
 * renameat2 and with the link(2) it falls back on. */
static void test_race_kept(void **state)
{
	struct archive a, b;
	struct fc_error e;
	size_t len;
	unsigned char *got;
	(void)state;

	fill(&a);
	plant_first = true;
	expect_refusal(archive_write(&a, TOP, MTIME, at("one.tar"), &e), &e,
	               FC_CANTCREAT, "one.tar: already exists");
	got = slurp(at("one.tar"), &len);
	assert_string_equal((char *)got, "planted\n");
	free(got);
	assert_int_equal(entries(), 1);                 /* no temp file */
	no_renameat2 = true;
	expect_refusal(archive_write(&a, TOP, MTIME, at("two.tar"), &e), &e,
	               FC_CANTCREAT, "two.tar: already exists");
	got = slurp(at("two.tar"), &len);
	assert_string_equal((char *)got, "planted\n");
	free(got);
	assert_int_equal(entries(), 2);
	/* Through link alone, the archive lands whole, no temp file left. */
	plant_first = false;
	assert_int_equal(archive_write(&a, TOP, MTIME, at("three.tar"), &e), 0);
	assert_int_equal(entries(), 3);
	assert_int_equal(archive_read(at("three.tar"), &b, NULL, 0, &e), 0);
	assert_int_equal(archive_verify_manifest(&b, &e), 0);
	assert_int_equal(b.n, NSAMPLES + 1);
	archive_free(&b);
	archive_free(&a);
}

static void test_missing(void **state)
{
	struct archive a = { (void *)1, 5, 5, 5 };
	struct fc_error e;
	(void)state;

	expect_refusal(archive_read(at("nothing.tar"), &a, NULL, 0, &e), &e,
	               FC_NOINPUT, "nothing.tar: cannot open");
	assert_int_equal(a.n, 0);
	assert_null(a.v);
}

/* ---- names ---- */

static void test_bad_names(void **state)
{
	char long99[100], long98[99];
	const char *const bad[] = {
		"../x", "/x", "a/../b", "", "a//b", "a/", ".", "..", "./a",
		"a/.", "x\ny", "a b", "a\\b", "caf\xc3\xa9", "MANIFEST", long99,
	};
	const char *const good[] = {
		"a", ".gitattributes", "MANIFEST.old", "x/MANIFEST", "a.b/c_d-e",
		"...", long98,
	};
	struct archive a = { 0 };
	struct fc_error e;
	(void)state;

	memset(long99, 'a', 99);
	long99[99] = '\0';
	memset(long98, 'b', 98);
	long98[98] = '\0';

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		e.msg[0] = '\0';
		if (archive_add(&a, bad[i], "x", 1, false, &e) != FC_DATAERR)
			fail_msg("'%s' taken", bad[i]);
		expect_refusal(FC_DATAERR, &e, FC_DATAERR, "archive member '");
		assert_null(strchr(e.msg, '\n'));
		assert_int_equal(a.n, 0);
	}
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (archive_add(&a, good[i], "x", 1, false, &e) != 0)
			fail_msg("'%s' refused: %s", good[i], e.msg);
	expect_refusal(archive_add(&a, "../x", "", 0, false, &e), &e,
	               FC_DATAERR, "archive member '../x': the name has an "
	               "empty, '.' or '..' part");
	expect_refusal(archive_add(&a, "/x", "", 0, false, &e), &e,
	               FC_DATAERR, "starts with '/'");
	expect_refusal(archive_add(&a, "", "", 0, false, &e), &e,
	               FC_DATAERR, "the name is empty");
	expect_refusal(archive_add(&a, "x\ny", "", 0, false, &e), &e,
	               FC_DATAERR, "'x?y': the name holds a character");
	/* Twice; a file where a folder is, or the other way. */
	expect_refusal(archive_add(&a, "a", "", 0, false, &e), &e,
	               FC_DATAERR, "another member has this name");
	expect_refusal(archive_add(&a, "a/b", "", 0, false, &e), &e,
	               FC_DATAERR, "a folder holding the other");
	expect_refusal(archive_add(&a, "x", "", 0, false, &e), &e,
	               FC_DATAERR, "a folder holding the other");
	assert_int_equal(a.n, sizeof good / sizeof *good);

	/* 98 bytes fit under a top folder of one letter, not of two. */
	assert_int_equal(archive_write(&a, "T", MTIME, at("t.tar"), &e), 0);
	expect_refusal(archive_write(&a, "TT", MTIME, at("tt.tar"), &e), &e,
	               FC_DATAERR, "the name is too long for a tar header");
	assert_int_equal(access(at("tt.tar"), F_OK), -1);
	archive_free(&a);
}

static void test_bad_top_and_date(void **state)
{
	char top91[92], top92[93];
	const char *const bad[] = { "", "a/b", "/a", ".", "..", "a b", top92 };
	struct archive a;
	struct buf b = { 0 };
	struct fc_error e;
	(void)state;

	memset(top92, 'T', 92);
	top92[92] = '\0';

	fill(&a);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (archive_write(&a, bad[i], MTIME, at("x.tar"), &e) !=
		    FC_DATAERR)
			fail_msg("top '%s' taken", bad[i]);
		expect_refusal(FC_DATAERR, &e, FC_DATAERR, "archive top folder");
	}
	expect_refusal(archive_write(&a, TOP, -1, at("x.tar"), &e), &e,
	               FC_DATAERR, "archive date -1");
	expect_refusal(archive_write(&a, TOP, 077777777777LL + 1, at("x.tar"),
	                             &e), &e, FC_DATAERR, "archive date");
	assert_int_equal(entries(), 0);
	archive_free(&a);
	/* The longest top: TOP/MANIFEST in 100 bytes exactly. */
	memset(top91, 'T', 91);
	top91[91] = '\0';
	assert_int_equal(archive_write_mem(&a, top91, 077777777777LL, &b, &e),
	                 0);
	assert_int_equal(read_verify((unsigned char *)b.p, b.len, &e), 0);
	buf_free(&b);
}

/* ---- the reader: only what archive_write writes ---- */

/* The sample, member i's header edited by fn, its checksum made right. */
static int edited(size_t i, void (*fn)(unsigned char *h), struct fc_error *e)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	int rc;

	fn(p + header_at(p, len, i));
	reheader(p + header_at(p, len, i));
	rc = read_verify(p, len, e);
	free(p);
	return rc;
}

static void set_name(unsigned char *h, const char *name)
{
	memset(h, 0, 100);
	memcpy(h, name, strlen(name));
}

static void as_folder(unsigned char *h) { h[156] = '5'; }
static void as_link(unsigned char *h)
{
	h[156] = '2';
	memcpy(h + 157, "/etc/passwd", 11);
}
static void gnu_magic(unsigned char *h) { memcpy(h + 257, "ustar  ", 8); }
static void other_top(unsigned char *h) { set_name(h, "OTHER/ledger.csv"); }
static void no_top(unsigned char *h) { set_name(h, "ledger.csv"); }
static void dotdot(unsigned char *h) { set_name(h, TOP "/../ledger.csv"); }
static void twice(unsigned char *h) { set_name(h, TOP "/flashcoop.ini"); }
static void not_manifest(unsigned char *h) { set_name(h, TOP "/README"); }
static void mode_755(unsigned char *h) { memcpy(h + 100, "0000755", 7); }
static void uid_1000(unsigned char *h) { memcpy(h + 108, "0001750", 7); }
static void uname(unsigned char *h) { memcpy(h + 265, "root", 4); }
static void prefix(unsigned char *h) { memcpy(h + 345, "usr", 3); }
static void later(unsigned char *h) { h[146]++; }
static void hex_size(unsigned char *h) { h[134] = '9'; }
static void huge(unsigned char *h) { memcpy(h + 124, "07777777777", 11); }

static void test_reader_strict(void **state)
{
	static const struct {
		size_t member;
		void (*fn)(unsigned char *h);
		const char *says;
	} cases[] = {
		{ 2, as_folder, "member 3, '" TOP "/ledger.csv': it is not a "
		  "regular file" },
		{ 2, as_link, "it is not a regular file" },
		{ 2, gnu_magic, "not a POSIX ustar header" },
		{ 2, other_top, "'OTHER/ledger.csv': it is not under the top "
		  "folder of MANIFEST" },
		{ 2, no_top, "it is not under the top folder" },
		{ 2, dotdot, "'" TOP "/../ledger.csv': the name has an empty, "
		  "'.' or '..' part" },
		{ 2, twice, "member 3, '" TOP "/flashcoop.ini': another member "
		  "has this name" },
		{ 0, not_manifest, "member 1, '" TOP "/README': the first "
		  "member is not TOP/MANIFEST" },
		{ 3, mode_755, "its mode is neither 0644 nor 0600" },
		{ 3, uid_1000, "fields flashcoop does not write" },
		{ 3, uname, "fields flashcoop does not write" },
		{ 3, prefix, "fields flashcoop does not write" },
		{ 3, later, "its date is not the one of MANIFEST" },
		{ 3, hex_size, "a number flashcoop does not write" },
		{ 3, huge, "its data run past the end of the file" },
	};
	struct fc_error e;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rc = edited(cases[i].member, cases[i].fn, &e);
		if (rc != FC_DATAERR || !strstr(e.msg, cases[i].says))
			fail_msg("case %zu: %d '%s', not '%s'", i, rc, e.msg,
			         cases[i].says);
	}
}

/* ---- the MANIFEST ---- */

/* An archive built by hand: MANIFEST (text) then members a and b. */
static void by_hand(struct archive *a, const char *manifest)
{
	static const char *const names[] = { "MANIFEST", "a", "sub/b" };
	const char *data[] = { manifest, "alpha\n", "beta\n" };

	a->n = a->cap = 3;
	a->v = calloc(3, sizeof *a->v);
	assert_non_null(a->v);
	for (int i = 0; i < 3; i++) {
		a->v[i].name = strdup(names[i]);
		a->v[i].data = (unsigned char *)strdup(data[i]);
		a->v[i].len = strlen(data[i]);
	}
}

static int check_manifest(const char *text, struct fc_error *e)
{
	struct archive a;
	int rc;

	by_hand(&a, text);
	rc = archive_verify_manifest(&a, e);
	archive_free(&a);
	return rc;
}

static void test_manifest(void **state)
{
	char ha[SHA256_HEX], hb[SHA256_HEX], other[SHA256_HEX], text[1024],
	     upper[SHA256_HEX];
	struct fc_error e;
	struct archive a;
	(void)state;

	assert_int_equal(sha256_bytes("alpha\n", 6, ha), 0);
	assert_int_equal(sha256_bytes("beta\n", 5, hb), 0);
	assert_int_equal(sha256_bytes("beta?\n", 6, other), 0);
	snprintf(text, sizeof text, "%s  a\n%s  sub/b\n", ha, hb);
	assert_int_equal(check_manifest(text, &e), 0);

	snprintf(text, sizeof text, "%s  a\n", ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "sub/b: missing from MANIFEST");
	snprintf(text, sizeof text, "%s  a\n%s  sub/b\n%s  c\n", ha, hb, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "c: listed in MANIFEST (line 3) but not in the archive");
	snprintf(text, sizeof text, "%s  a\n%s  sub/b\n%s  a\n", ha, hb, ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "a: listed twice in MANIFEST (line 3)");
	snprintf(text, sizeof text, "%s  a\n%s  a\n", ha, ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "a: listed twice in MANIFEST (line 2)");
	snprintf(text, sizeof text, "%s  sub/b\n%s  a\n", hb, ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "a: missing from MANIFEST (line 1 names sub/b)");
	snprintf(text, sizeof text, "%s  a\n%s  sub/b\n", ha, other);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "sub/b: its SHA-256 is not the one in MANIFEST (line 2)");
	snprintf(text, sizeof text, "%s  a\n%s  MANIFEST\n", ha, ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "MANIFEST: listed in MANIFEST (line 2) but not in the "
	               "archive");
	/* Not sha256sum's lines. */
	for (int i = 0; i < 64; i++)
		upper[i] = (char)(ha[i] >= 'a' ? ha[i] - 'a' + 'A' : ha[i]);
	upper[64] = '\0';
	snprintf(text, sizeof text, "%s  a\n%s  sub/b\n", upper, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "MANIFEST:1: not a line of a SHA-256");
	snprintf(text, sizeof text, "%s a\n%s  sub/b\n", ha, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR, "MANIFEST:1:");
	snprintf(text, sizeof text, "%s  a\n%s *sub/b\n", ha, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR, "MANIFEST:2:");
	snprintf(text, sizeof text, "%s  \n", ha);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR, "MANIFEST:1:");
	snprintf(text, sizeof text, "%s  a\r\n%s  sub/b\r\n", ha, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "a?: listed in MANIFEST (line 1)");
	snprintf(text, sizeof text, "%s  a\n%s  sub/b", ha, hb);
	expect_refusal(check_manifest(text, &e), &e, FC_DATAERR,
	               "MANIFEST:2: the last line has no newline");
	expect_refusal(check_manifest("", &e), &e, FC_DATAERR,
	               "a: missing from MANIFEST");

	/* No MANIFEST first. */
	by_hand(&a, "");
	free(a.v[0].name);
	a.v[0].name = strdup("README");
	expect_refusal(archive_verify_manifest(&a, &e), &e, FC_DATAERR,
	               "does not begin with its MANIFEST");
	archive_free(&a);
	a = (struct archive){ 0 };
	expect_refusal(archive_verify_manifest(&a, &e), &e, FC_DATAERR,
	               "does not begin with its MANIFEST");
}

/* ---- limits ---- */

static void test_limits(void **state)
{
	struct archive a = { 0 }, r;
	struct buf b = { 0 };
	struct fc_error e;
	unsigned char byte = 'z', *p;
	char name[32];
	size_t last, end;
	int fd;
	(void)state;

	/* 9999 members and the MANIFEST: as many as an archive holds. */
	for (int i = 0; i < ARCHIVE_MAX_MEMBERS - 1; i++) {
		snprintf(name, sizeof name, "m%05d", i);
		if (archive_add(&a, name, &byte, 1, false, &e) != 0)
			fail_msg("%s: %s", name, e.msg);
	}
	expect_refusal(archive_add(&a, "one-more", &byte, 1, false, &e), &e,
	               FC_DATAERR, "more than 10000 archive members");
	assert_int_equal(archive_write_mem(&a, "T", 0, &b, &e), 0);
	assert_int_equal(archive_read_mem(b.p, b.len, "max.tar", &r, NULL, 0,
	                                  &e), 0);
	assert_int_equal(r.n, ARCHIVE_MAX_MEMBERS);
	assert_int_equal(archive_verify_manifest(&r, &e), 0);
	archive_free(&r);

	/* One more member (a copy of the last, renamed): refused. */
	end = b.len - 2 * BLOCK;
	last = end - 2 * BLOCK;
	assert_int_equal(buf_reserve(&b, 2 * BLOCK), 0);
	p = (unsigned char *)b.p;
	memmove(p + end + 2 * BLOCK, p + end, 2 * BLOCK);
	memcpy(p + end, p + last, 2 * BLOCK);
	set_name(p + end, "T/n00000");
	reheader(p + end);
	b.len += 2 * BLOCK;
	expect_refusal(archive_read_mem(b.p, b.len, "over.tar", &r, NULL, 0,
	                                &e), &e, FC_DATAERR,
	               "over.tar: more than 10000 members");
	buf_free(&b);
	archive_free(&a);

	/* Over 1 GiB: refused before a byte is read (a sparse file). */
	fd = open(at("big.tar"), O_WRONLY | O_CREAT | O_EXCL, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, ARCHIVE_MAX_BYTES + 1), 0);
	close(fd);
	expect_refusal(archive_read(at("big.tar"), &r, NULL, 0, &e), &e,
	               FC_DATAERR, "big.tar: larger than 1 GiB");
	/* The same in memory (mapped, never touched). */
	fd = open(at("big.tar"), O_RDONLY);
	assert_true(fd >= 0);
	p = mmap(NULL, (size_t)ARCHIVE_MAX_BYTES + 1, PROT_READ, MAP_PRIVATE,
	         fd, 0);
	close(fd);
	assert_true(p != MAP_FAILED);
	expect_refusal(archive_read_mem(p, (size_t)ARCHIVE_MAX_BYTES + 1,
	                                "big", &r, NULL, 0, &e), &e, FC_DATAERR,
	               "big: larger than 1 GiB");
	munmap(p, (size_t)ARCHIVE_MAX_BYTES + 1);

	/* A member over 1 GiB: refused before its data is read. */
	a.n = a.cap = 1;
	a.v = calloc(1, sizeof *a.v);
	a.v[0].name = strdup("big");
	a.v[0].data = malloc(1);
	a.v[0].len = (size_t)ARCHIVE_MAX_BYTES + 1;
	expect_refusal(archive_write_mem(&a, "T", 0, &b, &e), &e, FC_DATAERR,
	               "the archive would be larger than 1 GiB");
	assert_int_equal(b.len, 0);
	a.v[0].len = (size_t)ARCHIVE_MAX_BYTES - 3 * BLOCK;
	expect_refusal(archive_write(&a, "T", 0, at("big2.tar"), &e), &e,
	               FC_DATAERR, "the archive would be larger than 1 GiB");
	assert_int_equal(access(at("big2.tar"), F_OK), -1);
	a.v[0].len = 1;
	archive_free(&a);
	buf_free(&b);
}

/* The top folder's name and a buffer too small for it. */
static void test_top_buffer(void **state)
{
	size_t len;
	unsigned char *p = sample_bytes(&len);
	struct archive a;
	struct fc_error e;
	char top[8];
	(void)state;

	expect_refusal(archive_read_mem(p, len, "t.tar", &a, top, sizeof top,
	                                &e), &e, FC_DATAERR,
	               "top folder's name is longer than the room");
	assert_int_equal(a.n, 0);
	assert_int_equal(archive_read_mem(p, len, "t.tar", &a, NULL, 0, &e), 0);
	archive_free(&a);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_roundtrip, empty),
		cmocka_unit_test_setup(test_no_member, empty),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_personal_mode),
		cmocka_unit_test_setup(test_reproducible, empty),
		cmocka_unit_test_setup(test_system_tar, empty),
		cmocka_unit_test_setup(test_data_changed, empty),
		cmocka_unit_test_setup(test_header_changed, empty),
		cmocka_unit_test_setup(test_truncated, empty),
		cmocka_unit_test(test_trailing),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_random_damage),
		cmocka_unit_test_setup(test_symlink_refused, empty),
		cmocka_unit_test_setup(test_existing_kept, empty),
		cmocka_unit_test_setup(test_race_kept, empty),
		cmocka_unit_test_setup(test_missing, empty),
		cmocka_unit_test_setup(test_bad_names, empty),
		cmocka_unit_test_setup(test_bad_top_and_date, empty),
		cmocka_unit_test(test_reader_strict),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test_setup(test_limits, empty),
		cmocka_unit_test(test_top_buffer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
