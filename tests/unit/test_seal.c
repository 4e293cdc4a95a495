/*
 * Unit tests for lib/seal.c: the SHA-256 of a project's files at its
 * closing, kept in closing.ini's [seal], and seal_verify's check that
 * they still hold.  A file is hashed as git stores it under the
 * "* text eol=lf" rule of the .gitattributes flashcoop-init writes: CR LF
 * read as LF, a CR alone kept, so that a checkout with CR LF line ends
 * still matches its seal.  The expected digests are those of sha256sum
 * (and Python's hashlib) on the bytes given in the comment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/amend.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "rmtree.h"

/* sha256sum of some bytes. */
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_A_LF_B_LF "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2"
#define SHA_A_CR_B_LF "367d1c77eadc1495a7db4200f46a8b90ea1fa926282722d308c05a65098a4112"
#define SHA_A_CR "961a57df036f6c4f44ca8a054271c45e823f469bcc439f0255c40974c3e3d131"
#define SHA_CR_LF "7eb70257593da06f682a3ddda54a9d260d4fc514f645237f5ca74b08f8da61a6"

static char tmpdir[] = "/tmp/fc-test-seal-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Empty the folder between tests (it stays). */
static int empty(void **state)
{
	(void)state;
	test_rm_tree(tmpdir);
	return mkdir(tmpdir, 0700);
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static const char *path_of(const char *name)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return path;
}

static void write_bytes(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(path_of(name), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void write_file(const char *name, const char *text)
{
	write_bytes(name, text, strlen(text));
}

static void buffer_is(const char *data, size_t len, const char *want)
{
	char hex[SEAL_HEX];
	struct fc_error e;
	assert_int_equal(seal_buffer(data, len, hex, &e), 0);
	assert_string_equal(hex, want);
}

static void file_is(const char *name, const char *want)
{
	char hex[SEAL_HEX];
	struct fc_error e;
	if (seal_file(path_of(name), hex, &e) != 0)
		fail_msg("seal_file(%s): %s", name, e.msg);
	assert_string_equal(hex, want);
}

/* ---- the digest, and the CR LF rule ---- */

static void test_buffer(void **state)
{
	(void)state;
	buffer_is("", 0, SHA_EMPTY);
	buffer_is(NULL, 0, SHA_EMPTY);
	buffer_is("a\nb\n", 4, SHA_A_LF_B_LF);
	/* CR LF is read as LF: "a\r\nb\r\n" is "a\nb\n"; so is a mix. */
	buffer_is("a\r\nb\r\n", 6, SHA_A_LF_B_LF);
	buffer_is("a\nb\r\n", 5, SHA_A_LF_B_LF);
	/* A CR alone is kept: "a\rb\n" is not "ab\n". */
	buffer_is("a\rb\n", 4, SHA_A_CR_B_LF);
	/* A CR at the very end too. */
	buffer_is("a\r", 2, SHA_A_CR);
	/* CR CR LF: the first CR alone, kept; the pair read as LF: "\r\n". */
	buffer_is("\r\r\n", 3, SHA_CR_LF);
}

/* A file is read in chunks of 64 KB: a CR LF cut by a chunk's end is
 * still one line end, and a CR alone at a chunk's end is still kept.  The
 * same bytes with LF ends give the same digest; those of seal_buffer are
 * the reference. */
static void test_file_chunks(void **state)
{
	size_t n = 65536 + 10;
	char *crlf = malloc(n), *lf = malloc(n), *cr = malloc(n);
	char hex[SEAL_HEX];
	struct fc_error e;
	(void)state;

	assert_non_null(crlf);
	assert_non_null(lf);
	assert_non_null(cr);
	memset(crlf, 'x', n);
	memset(lf, 'x', n);
	memset(cr, 'x', n);
	/* CR at byte 65535 (the first chunk's last), LF at 65536. */
	crlf[65535] = '\r';
	crlf[65536] = '\n';
	crlf[n - 1] = '\n';
	/* The same without the CR. */
	memcpy(lf, crlf, 65535);
	memcpy(lf + 65535, crlf + 65536, n - 65536);
	write_bytes("crlf", crlf, n);
	write_bytes("lf", lf, n - 1);
	assert_int_equal(seal_buffer(lf, n - 1, hex, &e), 0);
	file_is("crlf", hex);
	file_is("lf", hex);
	assert_int_equal(seal_buffer(crlf, n, hex, &e), 0);
	file_is("crlf", hex);

	/* A CR alone at byte 65535, then 'y': kept, as seal_buffer keeps
	 * it (and unlike the file without it). */
	cr[65535] = '\r';
	cr[65536] = 'y';
	cr[n - 1] = '\n';
	write_bytes("cr", cr, n);
	assert_int_equal(seal_buffer(cr, n, hex, &e), 0);
	file_is("cr", hex);
	/* A CR alone as the file's last byte, right after a chunk. */
	cr[65536] = '\r';
	write_bytes("cr-end", cr, 65537);
	assert_int_equal(seal_buffer(cr, 65537, hex, &e), 0);
	file_is("cr-end", hex);
	free(crlf);
	free(lf);
	free(cr);

	/* No file, or a link: refused. */
	assert_int_not_equal(seal_file(path_of("none"), hex, &e), 0);
	assert_int_equal(symlink("lf", path_of("link")), 0);
	assert_int_equal(seal_file(path_of("link"), hex, &e), FC_DATAERR);
}

/* ---- closing.ini's lines ---- */

static void test_put(void **state)
{
	struct buf b = { 0 };
	(void)state;

	/* Keys aligned on 17 columns, as closing.ini shows them. */
	assert_int_equal(seal_put(&b, "ledger.csv", "abc"), 0);
	assert_int_equal(seal_put(&b, "date", "2026-05-13"), 0);
	assert_int_equal(seal_put(&b, "a_key_of_19_chars_", "x"), 0);
	assert_string_equal(b.p, "ledger.csv        = abc\n"
	                    "date              = 2026-05-13\n"
	                    "a_key_of_19_chars_ = x\n");
	buf_free(&b);
}

/* ---- a closed project, and what breaks its seal ---- */

#define CLOSING_CSV_TEXT "participant,name,contract,hours,share\n" \
	"P001,Ada,CAPE-01,7.00,16.40\n"

/* The files of a small project, and closing.ini with the date and the
 * seal seal_section gives, as flashcoop-close writes them. */
static void closed_project(void)
{
	struct buf b = { 0 };
	struct fc_error e;

	write_file("flashcoop.ini", "[flashcoop]\nid = FC-1\n");
	write_file("participants.csv", "id,name\nP001,Ada\n");
	write_file("ledger.csv", "id,date,kind\nS00001,2026-05-09,sale\n"
	           "S00002,2026-05-09,sale\n");
	write_file("hours.csv", "id,date,kind\nH00001,2026-05-05,hours\n");
	write_file("closing.csv", CLOSING_CSV_TEXT);
	buf_puts(&b, "[closing]\nproject           = FC-1\n"
	         "date              = 2026-05-13\n");
	if (seal_section(&b, tmpdir, CLOSING_CSV_TEXT,
	                 strlen(CLOSING_CSV_TEXT), &e) != 0)
		fail_msg("seal_section: %s", e.msg);
	write_file("closing.ini", b.p);
	buf_free(&b);
}

/* What seal_verify found: "FILE: problem" a line. */
static void found(void *ctx, const char *file, const char *problem)
{
	struct buf *b = ctx;
	buf_puts(b, file);
	buf_puts(b, ": ");
	buf_puts(b, problem);
	buf_puts(b, "\n");
}

/* seal_verify gives n problems, their text holding each of want (NULL
 * ended). */
static void verify_finds(int n, ...)
{
	struct buf b = { 0 };
	struct fc_error e;
	const char *want;
	va_list ap;
	int got = seal_verify(tmpdir, found, &b, &e);

	if (got != n)
		fail_msg("seal_verify: %d problem(s), want %d:\n%s", got, n,
		         b.p ? b.p : "");
	va_start(ap, n);
	while ((want = va_arg(ap, const char *)))
		if (!b.p || !strstr(b.p, want))
			fail_msg("seal_verify does not say \"%s\":\n%s", want,
			         b.p ? b.p : "");
	va_end(ap);
	buf_free(&b);
}

static void test_section(void **state)
{
	char *text;
	size_t len;
	FILE *f;
	char hex[SEAL_HEX];
	struct fc_error e;
	(void)state;

	closed_project();
	/* Every sealed file once, closing.csv last, each as seal_file (or,
	 * for closing.csv, seal_buffer) gives it. */
	assert_non_null(f = fopen(path_of("closing.ini"), "rb"));
	text = calloc(1, 4096);
	len = fread(text, 1, 4095, f);
	fclose(f);
	assert_true(len > 0);
	assert_non_null(strstr(text, "\n[seal]\n"));
	assert_non_null(strstr(text, "\nflashcoop.ini     = "));
	assert_true(strstr(text, "flashcoop.ini ") < strstr(text, "participants.csv "));
	assert_true(strstr(text, "participants.csv ") < strstr(text, "ledger.csv "));
	assert_true(strstr(text, "ledger.csv ") < strstr(text, "hours.csv "));
	assert_true(strstr(text, "hours.csv ") < strstr(text, "closing.csv "));
	assert_int_equal(seal_file(path_of("ledger.csv"), hex, &e), 0);
	{
		char line[128];
		snprintf(line, sizeof line, "\nledger.csv        = %s\n", hex);
		assert_non_null(strstr(text, line));
	}
	/* Then the fixed SHA-256 of participants.csv and closing.csv (the
	 * files without the columns an amendment may change, amend.h),
	 * after every file's own, the key too long to be aligned. */
	{
		static const char people[] = "id,name\nP001,Ada\n";
		char line[128];
		assert_int_equal(amend_fixed(PROJECT_PARTICIPANTS, people,
		                             strlen(people), hex, &e), 0);
		snprintf(line, sizeof line, "\nparticipants.csv.fixed = %s\n",
		         hex);
		assert_non_null(strstr(text, line));
		assert_int_equal(amend_fixed(PROJECT_CLOSING_CSV, CLOSING_CSV_TEXT,
		                             strlen(CLOSING_CSV_TEXT), hex, &e), 0);
		snprintf(line, sizeof line, "\nclosing.csv.fixed = %s\n", hex);
		assert_non_null(strstr(text, line));
		assert_true(strstr(text, "closing.csv ") <
		            strstr(text, "participants.csv.fixed "));
		assert_true(strstr(text, "participants.csv.fixed ") <
		            strstr(text, "closing.csv.fixed "));
		/* The fixed digest is not the file's own: name is left out. */
		assert_int_equal(amend_fixed(PROJECT_PARTICIPANTS, people,
		                             strlen(people), hex, &e), 0);
		assert_int_equal(seal_buffer(people, strlen(people), line, &e), 0);
		assert_string_not_equal(line, hex);
	}
	free(text);
}

static void test_verify_sound(void **state)
{
	int32_t d;
	(void)state;

	closed_project();
	verify_finds(0, NULL);
	assert_int_equal(seal_date(tmpdir, &d), 0);
	assert_int_equal(d, date_from_ymd(2026, 5, 13));

	/* A checkout with CR LF line ends (git on Windows): the same files
	 * for git, and for the seal. */
	write_file("ledger.csv", "id,date,kind\r\nS00001,2026-05-09,sale\r\n"
	           "S00002,2026-05-09,sale\r\n");
	write_file("closing.csv", "participant,name,contract,hours,share\r\n"
	           "P001,Ada,CAPE-01,7.00,16.40\r\n");
	verify_finds(0, NULL);
	/* closing.ini itself with CR LF ends: read all the same. */
	{
		struct buf b = { 0 };
		FILE *f = fopen(path_of("closing.ini"), "rb");
		int c;
		assert_non_null(f);
		while ((c = fgetc(f)) != EOF)
			buf_puts(&b, c == '\n' ? "\r\n" : (char[]){ (char)c, 0 });
		fclose(f);
		write_file("closing.ini", b.p);
		buf_free(&b);
	}
	verify_finds(0, NULL);
	assert_int_equal(seal_date(tmpdir, &d), 0);
	assert_int_equal(d, date_from_ymd(2026, 5, 13));
}

static void test_verify_changed(void **state)
{
	(void)state;

	closed_project();
	/* A row added after the closing. */
	write_file("ledger.csv", "id,date,kind\nS00001,2026-05-09,sale\n"
	           "S00002,2026-05-09,sale\nS00003,2026-05-10,sale\n");
	verify_finds(1, "ledger.csv: changed after the closing (its SHA-256 "
	             "differs from closing.ini)", NULL);
	/* A CR alone is a change. */
	write_file("ledger.csv", "id,date,kind\nS00001,2026-05-09,sale\r"
	           "S00002,2026-05-09,sale\n");
	verify_finds(1, "ledger.csv: changed", NULL);
	/* Two files changed: two problems, each named. */
	write_file("hours.csv", "id,date,kind\n");
	verify_finds(2, "ledger.csv: changed", "hours.csv: changed", NULL);
}

static void test_verify_missing(void **state)
{
	(void)state;

	closed_project();
	/* A sealed file gone, or replaced by a link to the same bytes. */
	assert_int_equal(unlink(path_of("hours.csv")), 0);
	verify_finds(1, "hours.csv: is missing or unreadable, but it was "
	             "sealed at the closing", NULL);
	write_file("hours.ok", "id,date,kind\nH00001,2026-05-05,hours\n");
	assert_int_equal(symlink("hours.ok", path_of("hours.csv")), 0);
	verify_finds(1, "hours.csv: is missing or unreadable", NULL);

	/* A file left out of [seal]. */
	assert_int_equal(unlink(path_of("hours.csv")), 0);
	closed_project();
	{
		struct buf b = { 0 };
		FILE *f = fopen(path_of("closing.ini"), "rb");
		char line[256];
		assert_non_null(f);
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "participants.csv", 16) != 0)
				buf_puts(&b, line);
		fclose(f);
		write_file("closing.ini", b.p);
		buf_free(&b);
	}
	verify_finds(1, "closing.ini: a sealed file is missing from [seal]",
	             NULL);

	/* No closing.ini at all: the seal is broken. */
	assert_int_equal(unlink(path_of("closing.ini")), 0);
	verify_finds(1, "closing.ini: cannot be read: the seal is broken",
	             NULL);
	{
		int32_t d;
		assert_int_equal(seal_date(tmpdir, &d), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buffer),
		cmocka_unit_test_setup(test_file_chunks, empty),
		cmocka_unit_test(test_put),
		cmocka_unit_test_setup(test_section, empty),
		cmocka_unit_test_setup(test_verify_sound, empty),
		cmocka_unit_test_setup(test_verify_changed, empty),
		cmocka_unit_test_setup(test_verify_missing, empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
