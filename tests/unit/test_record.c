/*
 * Unit tests for lib/record.c: new rows into a project written by hand in
 * a temporary folder, one at a time (record_one) or as a batch
 * (record_batch), as flashcoop-record(1) describes them: ids gap-free per
 * kind (V over both files), refs recorded once, voids repeating the row
 * they void, at most 24 hours a day, a batch whole or not at all, and
 * every refusal leaving the files byte for byte.
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

#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/enroll.h"
#include "flashcoop/record.h"
#include "flashcoop/row.h"
#include "flashcoop/table.h"

#include "chained.h"
#include "older.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-record-XXXXXX";
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

static void write_file(const char *name, const char *text)
{
	assert_int_equal(test_write_file(path_of(name), name, text), 0);
}

/* The whole text of a project's file. */
static char *slurp(const char *name)
{
	FILE *f = fopen(path_of(name), "rb");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	assert_non_null(f);
	buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return b.p;
}

static void file_is(const char *name, const char *want)
{
	char *got = slurp(name);
	assert_string_equal(got, want);
	free(got);
}

/* The rows of a ledger, without the chain's values (chained.h). */
static void rows_are(const char *name, const char *want)
{
	char *got = slurp(name);
	test_unchain(got);
	assert_string_equal(got, want);
	free(got);
}

#define INI "[flashcoop]\nid = FC-1\nname = Test\nstart = 2026-05-04\n" \
	"end = 2026-05-13\n\n[money]\nvat = yes\ncae_rate = 10\n" \
	"share = hours\ncash_float = 50.00\n\n[products]\n" \
	"cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n"

/* P001 from 05-04, P002 from 05-04, withdrawn on 05-10. */
#define PEOPLE PARTICIPANT_HEADER "\n" \
	"P001,Ada,CAPE-01,2026-05-04,,,,,," PARTICIPANT_V2_EMPTY "\n" \
	"P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,," PARTICIPANT_V2_EMPTY "\n"

#define LEDGER0 LEDGER_HEADER "\n"
#define HOURS0 HOURS_HEADER "\n"

static struct project P;
static bool loaded;

/* A new project in dir, nothing recorded; loaded into P. */
static void project(void)
{
	struct fc_error e;

	if (loaded)
		project_free(&P);
	loaded = false;
	test_rm_tree(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file(PROJECT_INI, INI);
	write_file(PROJECT_PARTICIPANTS, PEOPLE);
	write_file(PROJECT_LEDGER, LEDGER0);
	write_file(PROJECT_HOURS, HOURS0);
	assert_int_equal(test_terminal_files(dir), 0);
	if (project_load(dir, &P, &e) != 0)
		fail_msg("project_load: %s", e.msg);
	loaded = true;
}

static int project_gone(void **state)
{
	(void)state;
	if (loaded)
		project_free(&P);
	loaded = false;
	return 0;
}

/* A row as flashcoop-record's options give it: a header of column names
 * and their values (one CSV line each), parsed from the command line. */
struct cmd {
	char hbuf[512], dbuf[2048];
	char *hf[TABLE_MAX_COLS], *df[TABLE_MAX_COLS];
	struct table_row h, r;
	struct row_cols cols;
	struct row row;
};

static struct row *cli(struct cmd *c, const char *hdr, const char *vals)
{
	struct fc_error e;
	int n;

	memset(c, 0, sizeof *c);
	n = table_split_line(hdr, strlen(hdr), c->hf, TABLE_MAX_COLS, c->hbuf,
	                     sizeof c->hbuf);
	assert_true(n > 0);
	c->h.name = "";
	c->h.line = 1;
	c->h.header = true;
	c->h.n = c->h.ncols = (size_t)n;
	c->h.field = c->h.col = c->hf;
	assert_int_equal(row_cols(&c->h, FROM_CLI, &c->cols, &e), 0);
	n = table_split_line(vals, strlen(vals), c->df, TABLE_MAX_COLS, c->dbuf,
	                     sizeof c->dbuf);
	assert_true(n > 0);
	c->r = c->h;
	c->r.header = false;
	c->r.n = (size_t)n;
	c->r.field = c->df;
	if (row_parse(&c->r, &c->cols, FROM_CLI, &c->row, &e) != 0)
		fail_msg("row_parse(%s): %s", vals, e.msg);
	return &c->row;
}

/* record_one gives want as the new id, not a duplicate. */
static void records(const char *hdr, const char *vals, const char *want)
{
	struct cmd c;
	struct fc_error e;
	char id[ID_SIZE] = "";
	bool dup = true;

	if (record_one(&P, cli(&c, hdr, vals), id, &dup, &e) != 0)
		fail_msg("record_one(%s) refused: %s", vals, e.msg);
	assert_false(dup);
	assert_string_equal(id, want);
}

/* record_one refuses with code and a message holding want, and leaves
 * ledger.csv and hours.csv byte for byte. */
static void refused(const char *hdr, const char *vals, int code,
                    const char *want)
{
	char *ledger = slurp(PROJECT_LEDGER), *hours = slurp(PROJECT_HOURS);
	struct cmd c;
	struct fc_error e = { 0, "" };
	char id[ID_SIZE] = "";
	bool dup = false;
	int rc = record_one(&P, cli(&c, hdr, vals), id, &dup, &e);

	if (rc != code)
		fail_msg("record_one(%s) = %d, want %d (%s)", vals, rc, code, e.msg);
	if (!strstr(e.msg, want))
		fail_msg("record_one(%s): \"%s\" does not say \"%s\"", vals, e.msg,
		         want);
	file_is(PROJECT_LEDGER, ledger);
	file_is(PROJECT_HOURS, hours);
	free(ledger);
	free(hours);
}

#define SALE "kind,product,quantity,payment,participant,ref,date"
#define HRS "kind,participant,hours,ref,date"
#define VOID "kind,ref,note"

/* ---- one row at a time ---- */

static void test_one_each_kind(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,3,,P001,T-1,2026-05-05", "S00001");
	records(SALE, "sale,Sac-Vrac,1,card,,,2026-05-06", "S00002");
	records("kind,amount,category,vat_rate,payment,ref,note,date",
	        "charge,\"12,00\",ingredients,5.5,,F-17,\"Metro, farine\","
	        "2026-05-05", "C00001");
	records("kind,amount,note,date", "count,52.50,Ada,2026-05-05",
	        "K00001");
	records(HRS, "hours,P002,\"3,5\",sheet-1,2026-05-05", "H00001");
	/* The rows as flashcoop-ledger(5) gives them: the catalogue's price
	 * and rate, amount = quantity x price, the catalogue's spelling,
	 * payment cash (sale, count) or other (charge) by default. */
	rows_are(PROJECT_LEDGER, LEDGER0
	        "S00001,2026-05-05,sale,cookie,3,2.50,7.50,5.5,,cash,P001,T-1,,,\n"
	        "S00002,2026-05-06,sale,sac-vrac,1,8.00,8.00,20,,card,,,,,\n"
	        "C00001,2026-05-05,charge,,,,12.00,5.5,ingredients,other,,F-17,"
	        "\"Metro, farine\",,\n"
	        "K00001,2026-05-05,count,,,,52.50,,,cash,,,Ada,,\n");
	rows_are(PROJECT_HOURS, HOURS0 "H00001,2026-05-05,hours,P002,3.50,"
	        "sheet-1,,\n");
	/* Hours with a role: in its column, after note. */
	records("kind,participant,hours,role,note,date",
	        "hours,P001,2,production,\"dough, oven\",2026-05-06", "H00002");
	rows_are(PROJECT_HOURS, HOURS0 "H00001,2026-05-05,hours,P002,3.50,"
	        "sheet-1,,\n"
	        "H00002,2026-05-06,hours,P001,2.00,,\"dough, oven\","
	        "production\n");
}

/* A ref already recorded: nothing written, the id of the row that has
 * it, *duplicate set.  Running the same command twice records it once. */
static void test_one_ref_once(void **state)
{
	struct cmd c;
	struct fc_error e;
	char id[ID_SIZE] = "";
	bool dup = false;
	char *before;
	(void)state;

	project();
	records(SALE, "sale,cookie,3,,P001,T-1,2026-05-05", "S00001");
	records(SALE, "sale,cookie,1,,,,2026-05-05", "S00002");
	records(HRS, "hours,P001,2,sheet-1,2026-05-05", "H00001");
	before = slurp(PROJECT_LEDGER);
	assert_int_equal(record_one(&P, cli(&c, SALE, "sale,cookie,9,,,T-1,"
	                                    "2026-05-06"), id, &dup, &e), 0);
	assert_true(dup);
	assert_string_equal(id, "S00001");
	file_is(PROJECT_LEDGER, before);
	free(before);
	/* Hours whose ref is recorded: their H id. */
	dup = false;
	assert_int_equal(record_one(&P, cli(&c, HRS, "hours,P001,1,sheet-1,"
	                                    "2026-05-07"), id, &dup, &e), 0);
	assert_true(dup);
	assert_string_equal(id, "H00001");
	/* A ref is recorded once per kind: a till's ticket and a supplier's
	 * invoice that share a number are two rows.  (flashcoop-record(1)
	 * still says "when a row of the same file already has this ref,
	 * nothing is written": see the report of this test's author.) */
	records("kind,amount,category,ref,date",
	        "charge,5.00,stand,T-1,2026-05-05", "C00001");
}

static void test_one_refusals(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,1,,,,2026-05-05", "S00001");
	refused(SALE, "sale,gateau,1,,,,2026-05-05", FC_DATAERR,
	        "'gateau' is not in the catalogue");
	refused(SALE, "sale,cookie,1,,,,2026-05-14", FC_DATAERR,
	        "outside the project's period");
	refused(SALE, "sale,cookie,1,,P002,,2026-05-10", FC_DATAERR,
	        "P002 withdrew on 2026-05-10");
	refused(SALE, "sale,cookie,1,,P009,,2026-05-05", FC_DATAERR,
	        "no participant P009 is enrolled");
	/* The ids go on without a gap after refusals. */
	records(SALE, "sale,cookie,1,,,,2026-05-05", "S00002");
}

/* At most 24 hours a day for one participant, over the files and the
 * new row: 20 then 4.01 is refused, 20 then 4 taken, then 0.01 more
 * refused; another day, or another participant, is another count. */
static void test_one_hours_a_day(void **state)
{
	(void)state;
	project();
	records(HRS, "hours,P001,20,,2026-05-08", "H00001");
	refused(HRS, "hours,P001,4.01,,2026-05-08", FC_DATAERR,
	        "P001 works 24.01 hours on 2026-05-08: 24 at most a day");
	records(HRS, "hours,P001,4,,2026-05-08", "H00002");
	refused(HRS, "hours,P001,0.01,,2026-05-08", FC_DATAERR, "24.01");
	records(HRS, "hours,P002,24,,2026-05-08", "H00003");
	records(HRS, "hours,P001,24,,2026-05-09", "H00004");
}

/* A void repeats the row it voids, names it in ref, gives the reason as
 * its note, and takes the next V id, over both files. */
static void test_one_voids(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,4,,,,2026-05-09", "S00001");
	records(HRS, "hours,P001,7,,2026-05-05", "H00001");
	records("kind,amount,date", "count,10,2026-05-09", "K00001");
	records(VOID, "void,S00001,typed twice", "V00001");
	records(VOID, "void,H00001,ill", "V00002");
	rows_are(PROJECT_LEDGER, LEDGER0
	        "S00001,2026-05-09,sale,cookie,4,2.50,10.00,5.5,,cash,,,,,\n"
	        "K00001,2026-05-09,count,,,,10.00,,,cash,,,,,\n"
	        "V00001,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00001,"
	        "typed twice,,\n");
	rows_are(PROJECT_HOURS, HOURS0
	        "H00001,2026-05-05,hours,P001,7.00,,,\n"
	        "V00002,2026-05-05,void,P001,7.00,H00001,ill,\n");

	refused(VOID, "void,S00001,again", FC_DATAERR, "S00001 is already "
	        "voided");
	refused(VOID, "void,H00001,again", FC_DATAERR, "H00001 is already "
	        "voided");
	refused(VOID, "void,K00001,no", FC_DATAERR, "K00001 is a count: only "
	        "sales, charges and hours are voided");
	refused(VOID, "void,V00001,no", FC_DATAERR, "V00001 is a void");
	refused(VOID, "void,S00009,no", FC_DATAERR, "no row 'S00009' to void");
	refused("kind,ref", "void,S00001", FC_DATAERR, "a void gives its "
	        "reason");
	/* The hours voided free their day again: 24 h on 05-05. */
	records(HRS, "hours,P001,24,,2026-05-05", "H00002");
}

/* Only into an open, sound project. */
static void test_one_project_state(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,1,,,,2026-05-05", "S00001");
	/* A fault from elsewhere (a hand edit): nothing recorded. */
	write_file(PROJECT_LEDGER, LEDGER0
	           "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n"
	           "S00003,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n");
	refused(SALE, "sale,cookie,1,,,,2026-05-05", FC_DATAERR,
	        "S00002 is missing");
	/* Closed (closing.ini exists): 77. */
	project();
	write_file(PROJECT_CLOSING_INI, "[closing]\ndate = 2026-05-13\n");
	refused(SALE, "sale,cookie,1,,,,2026-05-05", FC_CLOSED, "closed");
	/* A torn last line: refused, naming it. */
	project();
	write_file(PROJECT_LEDGER, LEDGER0
	           "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,");
	refused(SALE, "sale,cookie,1,,,,2026-05-05", FC_DATAERR, "newline");
}

/* ---- withdrawals ---- */

/* enroll_withdraw: not on or before a day of the participant's rows that
 * are not voided. */
static void test_withdrawal(void **state)
{
	struct fc_error e = { 0, "" };
	(void)state;

	project();
	records(SALE, "sale,cookie,1,,P001,,2026-05-07", "S00001");
	records(HRS, "hours,P001,2,,2026-05-09", "H00001");
	/* P001 has hours on 05-09: not withdrawn on or before that day. */
	assert_int_equal(enroll_withdraw(&P, "P001", date_from_ymd(2026, 5, 9),
	                                 "", &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "H00001 of P001 is dated on or after "
	                       "2026-05-09: withdraw later, or void it first"));
	/* Voided, the hours are no obstacle; the sale of 05-07 is. */
	records(VOID, "void,H00001,wrong day", "V00001");
	assert_int_equal(enroll_withdraw(&P, "P001", date_from_ymd(2026, 5, 7),
	                                 "", &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "S00001 of P001"));
	assert_int_equal(enroll_withdraw(&P, "P001", date_from_ymd(2026, 5, 8),
	                                 "a job", &e), 0);
	/* The withdrawal landed, with its reason. */
	{
		struct participants ps;
		assert_int_equal(participants_load(dir, &ps, &e), 0);
		assert_int_equal(ps.v[0].withdrawn, date_from_ymd(2026, 5, 8));
		assert_non_null(strstr(ps.v[0].note, "withdrawn: a job"));
		participants_free(&ps);
	}
}

/* ---- batches ---- */

struct batch_out {
	struct buf ids;
	struct record_result res;
	struct fc_error e;
	int rc;
};

static void batch(struct batch_out *o, const char *csv)
{
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");

	assert_non_null(in);
	memset(o, 0, sizeof *o);
	o->rc = record_batch(&P, in, "b.csv", &o->ids, &o->res, &o->e);
	fclose(in);
}

static void batch_ok(const char *csv, const char *ids, size_t recorded,
                     size_t skipped)
{
	struct batch_out o;

	batch(&o, csv);
	if (o.rc != 0)
		fail_msg("record_batch refused: %s", o.e.msg);
	assert_string_equal(o.ids.len ? o.ids.p : "", ids);
	assert_int_equal(o.res.recorded, recorded);
	assert_int_equal(o.res.skipped, skipped);
	buf_free(&o.ids);
}

/* Refused whole: nothing written, no id, nothing counted as recorded. */
static void batch_bad(const char *csv, const char *want)
{
	char *ledger = slurp(PROJECT_LEDGER), *hours = slurp(PROJECT_HOURS);
	struct batch_out o;

	batch(&o, csv);
	if (o.rc != FC_DATAERR)
		fail_msg("record_batch = %d, want 65 (%s)", o.rc, o.e.msg);
	if (!strstr(o.e.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", o.e.msg, want);
	assert_int_equal(o.ids.len, 0);
	assert_int_equal(o.res.recorded, 0);
	file_is(PROJECT_LEDGER, ledger);
	file_is(PROJECT_HOURS, hours);
	free(ledger);
	free(hours);
	buf_free(&o.ids);
}

#define B_HEADER "kind,date,product,quantity,amount,category,participant," \
	"hours,ref,note\n"

static void test_batch(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,2,,,R-0,2026-05-05", "S00001");
	/* Every kind, a void of a row already in the files placed first:
	 * voids are written after the other rows, their ids last. */
	batch_ok(B_HEADER
	         "void,,,,,,,,S00001,wrong\n"
	         "sale,2026-05-06,cookie,2,,,P001,,R-1,first\n"
	         "charge,2026-05-06,,,\"4,20\",packaging,,,R-2,\n"
	         "hours,2026-05-07,,,,,P001,2,R-3,\n"
	         "count,2026-05-07,,,55.50,,,,R-4,Ada\n",
	         "S00002\nC00001\nH00001\nK00001\nV00001\n", 5, 0);
	rows_are(PROJECT_LEDGER, LEDGER0
	        "S00001,2026-05-05,sale,cookie,2,2.50,5.00,5.5,,cash,,R-0,,,\n"
	        "S00002,2026-05-06,sale,cookie,2,2.50,5.00,5.5,,cash,P001,R-1,"
	        "first,,\n"
	        "C00001,2026-05-06,charge,,,,4.20,0,packaging,other,,R-2,,,\n"
	        "K00001,2026-05-07,count,,,,55.50,,,cash,,R-4,Ada,,\n"
	        "V00001,2026-05-05,void,cookie,2,2.50,5.00,5.5,,cash,,S00001,"
	        "wrong,,\n");
	rows_are(PROJECT_HOURS, HOURS0 "H00001,2026-05-07,hours,P001,2.00,R-3,,"
	         "\n");

	/* The same batch again: every row with a ref skipped, and the void
	 * of a row voided already. */
	batch_ok(B_HEADER
	         "void,,,,,,,,S00001,wrong\n"
	         "sale,2026-05-06,cookie,2,,,P001,,R-1,first\n"
	         "charge,2026-05-06,,,\"4,20\",packaging,,,R-2,\n"
	         "hours,2026-05-07,,,,,P001,2,R-3,\n"
	         "count,2026-05-07,,,55.50,,,,R-4,Ada\n", "", 0, 5);
	/* A row without a ref is recorded every time; rows of one batch
	 * that share a ref (the lines of one receipt) are all recorded. */
	batch_ok("kind,date,product,quantity,ref\n"
	         "sale,2026-05-08,cookie,1,\n"
	         "sale,2026-05-08,cookie,1,Z-9\n"
	         "sale,2026-05-08,sac-vrac,1,Z-9\n",
	         "S00003\nS00004\nS00005\n", 3, 0);
}

static void test_batch_all_or_nothing(void **state)
{
	(void)state;
	project();
	records(SALE, "sale,cookie,2,,,,2026-05-05", "S00001");
	/* One bad row refuses the whole batch, naming its line (the header
	 * is line 1) and the column. */
	batch_bad("kind,date,product,quantity\n"
	          "sale,2026-05-06,cookie,1\n"
	          "sale,2026-05-06,cookie,1.5\n",
	          "b.csv:3: column 'quantity': '1.5' is not a whole quantity");
	batch_bad("kind,date,product,qty\nsale,2026-05-06,cookie,1\n",
	          "b.csv:1: unknown column 'qty'");
	batch_bad("kind,date,participant,hours\n"
	          "hours,2026-05-06,P001,20\n"
	          "hours,2026-05-06,P001,4.01\n", "b.csv:3: P001 works 24.01");
	/* A void names a row already in the files, not one of the batch. */
	batch_bad("kind,date,product,quantity,ref,note\n"
	          "sale,2026-05-06,cookie,1,,\n"
	          "void,,,,S00002,wrong\n", "b.csv:3: no row 'S00002' to void");
	batch_bad("kind,ref\nvoid,S00001\n", "b.csv:2: a void gives its "
	          "reason");
	batch_bad("kind,ref,note\nvoid,,x\n", "b.csv:2: column 'ref'");
	batch_bad("kind,id,date,product,quantity\n"
	          "sale,S00002,2026-05-06,cookie,1\n", "ids are given by "
	          "flashcoop-record");
	/* After all that, the next ids are still the next ones. */
	batch_ok("kind,date,product,quantity\nsale,2026-05-06,cookie,1\n",
	         "S00002\n", 1, 0);
}

/* ---- roles ---- */

/* A role is text (checked), for hours only; hours.csv from before the
 * roles (HOURS_HEADER_V1) takes hours without one, in its own columns,
 * and refuses one naming the column. */
static void test_roles(void **state)
{
	(void)state;
	project();
	refused("kind,product,quantity,role,date",
	        "sale,cookie,1,sale,2026-05-06", FC_DATAERR,
	        "a sale has no role (only hours have)");
	/* A batch: column role, hours rows only. */
	batch_ok("kind,date,participant,hours,role\n"
	         "hours,2026-05-06,P001,2,production\n"
	         "hours,2026-05-06,P002,1.5,\n",
	         "H00001\nH00002\n", 2, 0);
	rows_are(PROJECT_HOURS, HOURS0
	         "H00001,2026-05-06,hours,P001,2.00,,,production\n"
	         "H00002,2026-05-06,hours,P002,1.50,,,\n");
	/* The void of hours with a role repeats it. */
	records(VOID, "void,H00001,wrong day", "V00001");
	rows_are(PROJECT_HOURS, HOURS0
	         "H00001,2026-05-06,hours,P001,2.00,,,production\n"
	         "H00002,2026-05-06,hours,P002,1.50,,,\n"
	         "V00001,2026-05-06,void,P001,2.00,H00001,wrong day,"
	         "production\n");
	batch_bad("kind,date,product,quantity,participant,hours,role\n"
	          "hours,2026-05-07,,,P001,1,sale\n"
	          "sale,2026-05-07,cookie,1,,,sale\n",
	          "b.csv:3: ");
	batch_bad("kind,date,product,quantity,participant,hours,role\n"
	          "sale,2026-05-07,cookie,1,,,sale\n",
	          "has no role");

	/* An older hours.csv: no role column. */
	project();
	write_file(PROJECT_HOURS, HOURS_HEADER_V1 "\n");
	records(HRS, "hours,P001,2,,2026-05-06", "H00001");
	rows_are(PROJECT_HOURS, HOURS_HEADER_V1 "\n"
	         "H00001,2026-05-06,hours,P001,2.00,,\n");
	refused("kind,participant,hours,role,date",
	        "hours,P001,1,sale,2026-05-07", FC_DATAERR,
	        "hours.csv has no role column");
	/* An empty role needs no column. */
	records("kind,participant,hours,role,date",
	        "hours,P001,1,,2026-05-07", "H00002");
	rows_are(PROJECT_HOURS, HOURS_HEADER_V1 "\n"
	         "H00001,2026-05-06,hours,P001,2.00,,\n"
	         "H00002,2026-05-07,hours,P001,1.00,,\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_one_each_kind, project_gone),
		cmocka_unit_test_teardown(test_one_ref_once, project_gone),
		cmocka_unit_test_teardown(test_one_refusals, project_gone),
		cmocka_unit_test_teardown(test_one_hours_a_day, project_gone),
		cmocka_unit_test_teardown(test_one_voids, project_gone),
		cmocka_unit_test_teardown(test_one_project_state, project_gone),
		cmocka_unit_test_teardown(test_withdrawal, project_gone),
		cmocka_unit_test_teardown(test_batch, project_gone),
		cmocka_unit_test_teardown(test_batch_all_or_nothing, project_gone),
		cmocka_unit_test_teardown(test_roles, project_gone),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
