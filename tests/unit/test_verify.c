/*
 * Unit tests for lib/verify.c: the checks of flashcoop-check(1) that every
 * command runs, on small projects written by hand in a temporary folder
 * and faults planted in them.  verify_project gives each problem, as
 * "FILE:LINE: message", to a callback (warnings flagged as such), counts
 * the rows, and hands the rows that passed to a reader; verify_read
 * gathers the problems for a command; verify_for_write trusts the note
 * the lock file keeps of the files last found sound, while they are
 * unchanged, and reads everything again after any change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/row.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/project.h"
#include "flashcoop/chain.h"
#include "flashcoop/days.h"
#include "flashcoop/sign.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"

#include "chained.h"
#include "older.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-verify-XXXXXX";
static char dir[64];            /* the project: tmpdir/p */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/p", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static const char *path_of(const char *name)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* Is name a ledger whose header (in text, or in the file) is chained? */
static bool chained_file(const char *name, const char *text)
{
	char head[512] = "";
	FILE *f;

	if (!text && (f = fopen(path_of(name), "rb"))) {
		if (!fgets(head, sizeof head, f))
			head[0] = '\0';
		fclose(f);
	}
	return test_is_chained(name, text ? text : head);
}

static void write_raw(const char *name, const char *text, mode_t mode)
{
	FILE *f = fopen(path_of(name), "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path_of(name), mode), 0);
}

static void write_mode(const char *name, const char *text, mode_t mode)
{
	char prev[CHAIN_HEX] = CHAIN_ZERO;
	struct buf b = { 0 };

	if (!chained_file(name, text)) {
		write_raw(name, text, mode);
		return;
	}
	test_chain_rows(text, true, prev, &b);
	write_raw(name, b.p, mode);
	buf_free(&b);
}

static void write_file(const char *name, const char *text)
{
	write_mode(name, text, strcmp(name, PROJECT_PARTICIPANTS) == 0 ?
	           0600 : 0644);
}

/* Append text; to a chained ledger, its rows chained after the last. */
static void append(const char *name, const char *text)
{
	char prev[CHAIN_HEX];
	struct buf b = { 0 };
	FILE *f;

	if (chained_file(name, NULL)) {
		test_last_chain(path_of(name), prev);
		test_chain_rows(text, false, prev, &b);
		text = b.p;
	}
	assert_non_null(f = fopen(path_of(name), "ab"));
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	buf_free(&b);
}

#define INI "[flashcoop]\nid = FC-1\nname = Test\nstart = 2026-05-04\n" \
	"end = 2026-05-13\n\n[money]\nvat = yes\ncae_rate = 10\n" \
	"share = hours\ncash_float = 50.00\n\n[products]\n" \
	"cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n"

#define PEOPLE PARTICIPANT_HEADER "\n" \
	"P001,Ada,CAPE-01,2026-05-04,,,,,," PARTICIPANT_V2_EMPTY "\n" \
	"P002,Bruno,CAPE-02,2026-05-04,2026-05-06,,,,," PARTICIPANT_V2_EMPTY "\n"

/* A sound project in dir, anew (line numbers in the comments):
 *   ledger.csv                               hours.csv
 *   2 C00001 05-05 12.00 at 5.5 %, card      2 H00001 P001 7 h 05-05
 *   3 S00001 05-09 10 cookies 25.00, P001    3 H00002 P002 3.5 h 05-05
 *   4 S00002 05-09 3 bags 24.00, card        4 V00002 voids H00002
 *   5 S00003 05-09 4 cookies 10.00
 *   6 V00001 voids S00003
 *   7 K00001 05-09 count 75.00
 */
static void project(void)
{
	test_rm_tree(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file(PROJECT_INI, INI);
	write_file(PROJECT_PARTICIPANTS, PEOPLE);
	write_file(PROJECT_LEDGER, LEDGER_HEADER_V1 "\n"
	           "C00001,2026-05-05,charge,,,,12.00,5.5,ingredients,card,,,\n"
	           "S00001,2026-05-09,sale,cookie,10,2.50,25.00,5.5,,cash,P001,,\n"
	           "S00002,2026-05-09,sale,sac-vrac,3,8.00,24.00,20,,card,,,\n"
	           "S00003,2026-05-09,sale,cookie,4,2.50,10.00,5.5,,cash,,,\n"
	           "V00001,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00003,"
	           "typed twice\n"
	           "K00001,2026-05-09,count,,,,75.00,,,cash,,,\n");
	write_file(PROJECT_HOURS, HOURS_HEADER "\n"
	           "H00001,2026-05-05,hours,P001,7.00,,,production\n"
	           "H00002,2026-05-05,hours,P002,3.50,,,\n"
	           "V00002,2026-05-05,void,P002,3.50,H00002,ill,\n");
	/* One terminal, main, this copy. */
	assert_int_equal(test_terminal_files(dir), 0);
}

/* What verify_project said: problems and warnings one a line, "W " before
 * a warning; the ids of the rows handed to the reader. */
struct said {
	struct buf problems, rows;
	int nproblems, nwarnings;
};

static void heard(void *ctx, const char *problem, bool warning)
{
	struct said *s = ctx;
	buf_puts(&s->problems, warning ? "W " : "");
	buf_puts(&s->problems, problem);
	buf_puts(&s->problems, "\n");
	*(warning ? &s->nwarnings : &s->nproblems) += 1;
}

static int reader(void *ctx, const struct row *en, struct fc_error *e)
{
	struct said *s = ctx;
	(void)e;
	buf_puts(&s->rows, en->id);
	buf_puts(&s->rows, " ");
	return 0;
}

static int run(struct said *s, struct verify_stats *st)
{
	struct fc_error e = { 0, "" };
	int rc;

	memset(s, 0, sizeof *s);
	buf_puts(&s->problems, "");
	buf_puts(&s->rows, "");
	rc = verify_project(dir, NULL, heard, s, reader, s, st, &e);
	if (rc != FC_OK && rc != FC_DATAERR)
		buf_puts(&s->problems, e.msg);
	return rc;
}

static void said_free(struct said *s)
{
	buf_free(&s->problems);
	buf_free(&s->rows);
}

/* The project verifies with exactly one problem, holding each of the
 * texts given (NULL ended). */
static void one_problem(const char *first, ...)
{
	struct verify_stats st;
	struct said s;
	const char *want;
	va_list ap;
	int rc = run(&s, &st);

	if (rc != FC_DATAERR || s.nproblems != 1 || st.problems != 1)
		fail_msg("rc %d, %d problem(s), want one:\n%s", rc, s.nproblems,
		         s.problems.p);
	va_start(ap, first);
	for (want = first; want; want = va_arg(ap, const char *))
		if (!strstr(s.problems.p, want))
			fail_msg("no \"%s\" in:\n%s", want, s.problems.p);
	va_end(ap);
	said_free(&s);
}

/* ---- a sound project ---- */

static void test_sound(void **state)
{
	struct verify_stats st;
	struct said s;
	(void)state;

	project();
	assert_int_equal(run(&s, &st), FC_OK);
	assert_string_equal(s.problems.p, "");
	assert_int_equal(st.problems, 0);
	assert_int_equal(st.warnings, 0);
	assert_int_equal(st.participants, 2);
	assert_int_equal(st.ledger_rows, 6);
	assert_int_equal(st.hours_rows, 3);
	assert_int_equal(st.sealed, 0);
	/* Every row to the reader, in file order, ledger.csv first. */
	assert_string_equal(s.rows.p, "C00001 S00001 S00002 S00003 V00001 "
	                    "K00001 H00001 H00002 V00002 ");
	said_free(&s);
}

static void test_no_project(void **state)
{
	struct verify_stats st;
	struct said s;
	(void)state;

	project();
	assert_int_equal(unlink(path_of(PROJECT_INI)), 0);
	assert_int_equal(run(&s, &st), FC_NOINPUT);
	said_free(&s);
	/* A bad flashcoop.ini is a problem of the project (65), named. */
	write_file(PROJECT_INI, "[flashcoop]\nid = FC-1\n");
	assert_int_equal(run(&s, &st), FC_DATAERR);
	assert_non_null(strstr(s.problems.p, "flashcoop.ini"));
	said_free(&s);
}

/* ---- planted problems: each named once, as FILE:LINE: message ---- */

static void test_rows(void **state)
{
	(void)state;

	project();
	append(PROJECT_LEDGER,
	       "S00004,2026-05-09,sale,cookie,2,2.50,4.00,5.5,,cash,,,\n");
	one_problem("p/ledger.csv:8: column 'amount': 4.00 is not quantity x "
	            "unit price = 5.00", NULL);

	project();
	append(PROJECT_LEDGER,
	       "C00002,2026-06-05,charge,,,,6.00,20,packaging,card,,,\n");
	one_problem("p/ledger.csv:8: column 'date': 2026-06-05 is outside the "
	            "project's period", NULL);

	/* P002 withdrew on 05-06: hours on 05-08 are refused. */
	project();
	append(PROJECT_HOURS, "H00003,2026-05-08,hours,P002,2.00,,,\n");
	one_problem("p/hours.csv:5: ", "P002 withdrew on 2026-05-06", NULL);

	/* The payment of a sale is no option in the files. */
	project();
	append(PROJECT_LEDGER, "C00002,2026-05-05,charge,,,,1.00,20,stand,,,,\n");
	one_problem("p/ledger.csv:8: column 'payment': the payment method is "
	            "missing", NULL);
}

static void test_ids(void **state)
{
	(void)state;

	/* A gap: S00005 after S00003. */
	project();
	append(PROJECT_LEDGER,
	       "S00005,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,,\n");
	one_problem("p/ledger.csv:8: id S00005 follows S00003: S00004 is "
	            "missing", NULL);
	/* Repeated. */
	project();
	append(PROJECT_LEDGER,
	       "S00002,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,,\n");
	one_problem("p/ledger.csv:8: id S00002 comes after S00003: repeated or "
	            "out of order", NULL);
	/* V ids over both files: V00002 in ledger.csv again. */
	project();
	append(PROJECT_LEDGER,
	       "V00002,2026-05-09,void,sac-vrac,3,8.00,24.00,20,,card,,S00002,x\n");
	one_problem("p/ledger.csv:8: id V00002 appears twice", NULL);
	/* A row too short keeps its id's place: no false gap after it. */
	project();
	append(PROJECT_LEDGER,
	       "S00004,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,\n"
	       "S00005,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,,\n");
	one_problem("p/ledger.csv:8: 15 fields where the header has 16", NULL);
}

static void test_voids(void **state)
{
	(void)state;

	project();
	append(PROJECT_LEDGER,
	       "V00003,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00003,"
	       "again\n");
	one_problem("p/ledger.csv:8: S00003 is voided twice (again by V00003)",
	            NULL);
	project();
	append(PROJECT_LEDGER,
	       "V00003,2026-05-09,void,cookie,1,2.50,2.50,5.5,,cash,,S00009,x\n");
	one_problem("p/ledger.csv:8: void V00003 names 'S00009', which is not a "
	            "sale, charge, deposit, hours, lot or loss row above it", NULL);
	/* A void of a count: counts are not voided. */
	project();
	append(PROJECT_LEDGER,
	       "V00003,2026-05-09,void,,,,75.00,,,cash,,K00001,x\n");
	one_problem("void V00003 names 'K00001', which is not a sale", NULL);
	/* A void that does not repeat what it voids (20.00, not 25.00). */
	project();
	append(PROJECT_LEDGER,
	       "V00003,2026-05-09,void,cookie,10,2.50,20.00,5.5,,cash,P001,"
	       "S00001,x\n");
	{
		struct verify_stats st;
		struct said s;
		assert_int_equal(run(&s, &st), FC_DATAERR);
		assert_non_null(strstr(s.problems.p, "void V00003 does not repeat "
		                       "the date, amount, VAT rate, hours, "
		                       "participant, product or quantity of "
		                       "S00001"));
		said_free(&s);
	}
	/* A void of hours in ledger.csv: not above it in its file. */
	project();
	append(PROJECT_LEDGER, "V00003,2026-05-05,void,,,,7.00,,,,P001,H00001,"
	       "x\n");
	{
		struct verify_stats st;
		struct said s;
		assert_int_equal(run(&s, &st), FC_DATAERR);
		assert_non_null(strstr(s.problems.p, "names 'H00001'"));
		said_free(&s);
	}
}

/* At most 24 hours a day: named on the row that goes over, 7 + 10 + 8 =
 * 25 on the third. */
static void test_hours_a_day(void **state)
{
	(void)state;
	project();
	append(PROJECT_HOURS, "H00003,2026-05-05,hours,P001,10.00,,,\n"
	       "H00004,2026-05-05,hours,P001,8.00,,,\n"
	       "H00005,2026-05-05,hours,P001,1.00,,,\n");
	one_problem("p/hours.csv:6: P001 works 25.00 hours on 2026-05-05: 24 "
	            "at most a day", NULL);
}

/* A torn last line stops the file, named; the other file is still read. */
static void test_torn(void **state)
{
	(void)state;
	project();
	append(PROJECT_LEDGER, "C00002,2026-05-05,charge,,,,1.00,20,stand,ca");
	one_problem("p/ledger.csv:8: ", "newline", NULL);
}

/* ---- warnings: not problems ---- */

static void test_warnings(void **state)
{
	struct verify_stats st;
	struct said s;
	(void)state;

	/* Names that others may read. */
	project();
	assert_int_equal(chmod(path_of(PROJECT_PARTICIPANTS), 0644), 0);
	assert_int_equal(run(&s, &st), FC_OK);
	assert_int_equal(st.problems, 0);
	assert_int_equal(st.warnings, 1);
	assert_int_equal(s.nwarnings, 1);
	assert_true(strncmp(s.problems.p, "W /", 3) == 0);
	assert_non_null(strstr(s.problems.p, "/p/participants.csv: warning: it "
	                       "holds names and others may read it (mode 644): "
	                       "chmod 600 /"));
	assert_non_null(strstr(s.problems.p, "/p/participants.csv\n"));
	said_free(&s);

	/* A day of cash sales without a count of the drawer. */
	project();
	append(PROJECT_LEDGER,
	       "S00004,2026-05-10,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n");
	assert_int_equal(run(&s, &st), FC_OK);
	assert_int_equal(st.warnings, 1);
	assert_non_null(strstr(s.problems.p, "/p/ledger.csv: warning: "
	                       "2026-05-10 has cash sales but no count of the "
	                       "drawer\n"));
	assert_true(strncmp(s.problems.p, "W /", 3) == 0);
	said_free(&s);
}

/* ---- the folder: links, the seal ---- */

static void test_link(void **state)
{
	char other[PATH_MAX];
	(void)state;

	project();
	snprintf(other, sizeof other, "%s/elsewhere.csv", tmpdir);
	assert_int_equal(rename(path_of(PROJECT_HOURS), other), 0);
	assert_int_equal(symlink(other, path_of(PROJECT_HOURS)), 0);
	{
		struct verify_stats st;
		struct said s;
		assert_int_equal(run(&s, &st), FC_DATAERR);
		assert_non_null(strstr(s.problems.p, "p/hours.csv: is a symbolic "
		                       "link"));
		said_free(&s);
	}
	unlink(other);
}

static void test_sealed(void **state)
{
	struct verify_stats st;
	struct said s;
	struct buf b = { 0 };
	struct fc_error e;
	(void)state;

	/* Closed: closing.csv and closing.ini with the seal. */
	project();
	write_mode(PROJECT_CLOSING_CSV, "participant\nP001\n", 0600);
	buf_puts(&b, "[closing]\ndate              = 2026-05-13\n");
	assert_int_equal(seal_section(&b, dir, "participant\nP001\n", 17, &e), 0);
	/* Signed by main (chained.h's key). */
	{
		struct sign_key k;
		test_key(&k);
		assert_int_equal(seal_sign(&b, &k, "main"), 0);
		sign_key_wipe(&k);
	}
	write_file(PROJECT_CLOSING_INI, b.p);
	buf_free(&b);
	assert_int_equal(run(&s, &st), FC_OK);
	said_free(&s);
	/* A sound row added after the closing breaks the seal. */
	append(PROJECT_LEDGER,
	       "S00004,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,,\n");
	assert_int_equal(run(&s, &st), FC_DATAERR);
	assert_int_equal(st.sealed, 1);
	assert_int_equal(s.nproblems, 1);
	assert_non_null(strstr(s.problems.p, "p/ledger.csv: changed after the "
	                       "closing"));
	said_free(&s);
}

/* ---- verify_read: the problems gathered for a command ---- */

static void test_read_gathers(void **state)
{
	struct fc_error e = { 0, "" };
	char want[128];
	struct buf many = { 0 };
	(void)state;

	project();
	assert_int_equal(verify_read(dir, NULL, NULL, NULL, &e), FC_OK);
	/* Two problems: both, one a line. */
	append(PROJECT_LEDGER,
	       "S00005,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,card,,,\n");
	append(PROJECT_HOURS, "H00003,2026-05-20,hours,P001,1.00,,,\n");
	assert_int_equal(verify_read(dir, NULL, NULL, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "p/ledger.csv:8: id S00005"));
	snprintf(want, sizeof want, "\n%s/hours.csv:5: ", dir);
	assert_non_null(strstr(e.msg, want));
	/* Warnings are not gathered. */
	assert_null(strstr(e.msg, "warning"));

	/* Eleven problems: the first eight, then how many more. */
	project();
	for (int i = 0; i < 11; i++) {
		char line[128];
		snprintf(line, sizeof line, "C%05d,2026-05-05,charge,,,,0.00,20,"
		         "stand,card,,,\n", i + 2);
		buf_puts(&many, line);
	}
	append(PROJECT_LEDGER, many.p);
	buf_free(&many);
	assert_int_equal(verify_read(dir, NULL, NULL, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "p/ledger.csv:15: "));
	assert_null(strstr(e.msg, "p/ledger.csv:16: "));
	assert_non_null(strstr(e.msg, "\n(and 3 more problems: flashcoop-check "
	                       "lists them all)"));
}

/* ---- verify_write and the note in the lock ---- */

static void touch_later(const char *name)
{
	struct timespec t[2] = { { 0, UTIME_OMIT }, { 0, 0 } };
	struct stat st;
	assert_int_equal(stat(path_of(name), &st), 0);
	t[1].tv_sec = st.st_mtim.tv_sec + 10;
	assert_int_equal(utimensat(AT_FDCWD, path_of(name), t, 0), 0);
}

/* A write that writes nothing, and one that appends the text it is
 * given to the ledger (as a record would, under the lock). */
static int nothing(const struct writer *w, void *arg, struct fc_error *e)
{
	(void)w;
	(void)arg;
	(void)e;
	return 0;
}

static int appends(const struct writer *w, void *arg, struct fc_error *e)
{
	(void)w;
	(void)e;
	append(PROJECT_LEDGER, arg);
	return 0;
}

/* A write through verify_write, with the project loaded. */
static int write_with(verify_write_fn fn, void *arg, struct fc_error *e)
{
	struct project p;
	int rc;

	assert_int_equal(project_load(dir, &p, e), 0);
	rc = verify_write(&p, WRITE_ANY, fn, arg, e);
	project_free(&p);
	return rc;
}

static void noted(char *note, size_t size)
{
	struct store_lock l;
	struct fc_error e;
	assert_int_equal(store_lock(dir, false, &l, &e), 0);
	assert_int_equal(store_note_get(&l, note, size), 0);
	store_unlock(&l);
}

static void test_write_note(void **state)
{
	struct fc_error e = { 0, "" };
	char note[4096];
	(void)state;

	project();
	/* A sound project, read in full, is noted in the lock. */
	assert_int_equal(write_with(nothing, NULL, &e), FC_OK);
	noted(note, sizeof note);
	assert_non_null(strstr(note, ": the files as last found sound\n"));
	assert_non_null(strstr(note, "\nledger.csv "));
	assert_non_null(strstr(note, "\nhours.csv "));
	/* A file a project does not have yet is noted as absent. */
	assert_non_null(strstr(note, "\nclosing.ini -\n"));

	/* While the files are as noted, nothing is read again.  To see it,
	 * a write plants a fault, which verify_write notes as sound (as it
	 * does after every write that kept the rules): the next write trusts
	 * the note and passes. */
	assert_int_equal(write_with(appends, "S00009,2026-05-09,sale,cookie,1,"
	                            "2.50,2.50,5.5,,card,,,\n", &e), FC_OK);
	assert_int_equal(write_with(nothing, NULL, &e), FC_OK);

	/* Any change makes the next one read everything: the same bytes,
	 * a new modification time, and the fault is found. */
	touch_later(PROJECT_HOURS);
	assert_int_equal(write_with(nothing, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "p/ledger.csv:8: id S00009 follows "
	                       "S00003"));
	/* An unsound project is not noted: asked again, it reads again. */
	assert_int_equal(write_with(nothing, NULL, &e), FC_DATAERR);

	/* A change by someone else to a sound project (an edit, a pull):
	 * read again, and the new fault named. */
	project();
	assert_int_equal(write_with(nothing, NULL, &e), FC_OK);
	append(PROJECT_HOURS, "H00003,2026-05-05,hours,P001,20.00,,,\n");
	assert_int_equal(write_with(nothing, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "p/hours.csv:5: P001 works 27.00 hours"));
	/* participants.csv and flashcoop.ini are in the note too. */
	project();
	assert_int_equal(write_with(nothing, NULL, &e), FC_OK);
	write_file(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	           "P001,Ada,CAPE-01,2026-05-04,,,,,," PARTICIPANT_V2_EMPTY "\n");
	assert_int_equal(write_with(nothing, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "P002"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sound),
		cmocka_unit_test(test_no_project),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_voids),
		cmocka_unit_test(test_hours_a_day),
		cmocka_unit_test(test_torn),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_sealed),
		cmocka_unit_test(test_read_gathers),
		cmocka_unit_test(test_write_note),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
