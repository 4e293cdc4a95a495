/*
 * Unit tests for lib/row.c: one row of ledger.csv or hours.csv as a typed
 * struct.  row_parse turns a CSV row into typed values (cents, hundredths
 * of a percent or of an hour, day numbers) and refuses every bad value
 * with a message naming file:line and the column (or the option, on the
 * command line); row_check completes a new row against the project (the
 * catalogue, the period, the participants) as flashcoop-record(1) "WHAT
 * IS CHECKED" says; row_format writes a row in a file's own column order;
 * rows_next_id reads the next id from the files' tails.
 *
 * Amounts are in cents, rates in hundredths of a percent (5.5 % is 550),
 * hours in hundredths (7.5 h is 750).
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
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/table.h"
#include "chained.h"
#include "older.h"
#include "rmtree.h"

/* ---- CSV lines as table rows, by hand ---- */

/* A header and one data row, split as table_read would give them. */
struct csv {
	char hbuf[1024], dbuf[4096];
	char *hf[TABLE_MAX_COLS], *df[TABLE_MAX_COLS];
	struct table_row header, row;
	struct row_cols cols;
};

static void split(const char *line, char *buf, size_t size, char **f,
                  size_t *n)
{
	int got = table_split_line(line, strlen(line), f, TABLE_MAX_COLS, buf,
	                           size);
	if (got < 0)
		fail_msg("not a CSV line: %s", line);
	*n = (size_t)got;
}

/* The header of file, and the columns src finds in it (which must be
 * there). */
static void header(struct csv *c, const char *file, const char *line,
                   enum source src)
{
	struct fc_error e;

	memset(c, 0, sizeof *c);
	split(line, c->hbuf, sizeof c->hbuf, c->hf, &c->header.n);
	c->header.name = file;
	c->header.line = 1;
	c->header.header = true;
	c->header.ncols = c->header.n;
	c->header.field = c->header.col = c->hf;
	if (row_cols(&c->header, src, &c->cols, &e) != 0)
		fail_msg("row_cols refused %s: %s", line, e.msg);
}

/* Data row line (on line number lineno of the file) parsed from src. */
static int parse(struct csv *c, const char *line, long lineno,
                 enum source src, struct row *out, struct fc_error *e)
{
	split(line, c->dbuf, sizeof c->dbuf, c->df, &c->row.n);
	c->row.name = c->header.name;
	c->row.line = lineno;
	c->row.ncols = c->header.ncols;
	c->row.col = c->header.col;
	c->row.field = c->df;
	return row_parse(&c->row, &c->cols, src, out, e);
}

static void parse_ok(struct csv *c, const char *line, enum source src,
                     struct row *out)
{
	struct fc_error e;
	if (parse(c, line, 2, src, out, &e) != 0)
		fail_msg("row_parse refused %s: %s", line, e.msg);
}

/* The row is refused (65) with a message holding want. */
static void parse_bad(struct csv *c, const char *line, enum source src,
                      const char *want)
{
	struct fc_error e = { 0, "" };
	struct row out;
	int rc = parse(c, line, 7, src, &out, &e);

	if (rc != FC_DATAERR)
		fail_msg("row_parse(%s) = %d, want a refusal saying \"%s\"", line,
		         rc, want);
	if (!strstr(e.msg, want))
		fail_msg("row_parse(%s): \"%s\" does not say \"%s\"", line, e.msg,
		         want);
}

#define LEDGER "ledger.csv"
#define HOURS "hours.csv"

static int32_t day(int m, int d)
{
	return date_from_ymd(2026, m, d);
}

/* ---- row_parse: typed values ---- */

static void test_parse_sale(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, LEDGER, LEDGER_HEADER_V1, FROM_LEDGER);
	parse_ok(&c, "S00001,2026-05-05,sale,cookie,3,2.50,7.50,5.5,,cash,"
	         "P001,T-1,\"table 2, près de l'entrée\"", FROM_LEDGER, &r);
	assert_string_equal(r.id, "S00001");
	assert_int_equal(r.kind, KIND_SALE);
	assert_false(r.in_hours);
	assert_int_equal(r.date, day(5, 5));
	assert_string_equal(r.product, "cookie");
	assert_int_equal(r.quantity, 3);
	assert_int_equal(r.unit_price, 250);
	assert_int_equal(r.amount, 750);
	assert_int_equal(r.vat, 550);
	assert_string_equal(r.category, "");
	assert_int_equal(r.payment, PAY_CASH);
	assert_string_equal(r.participant, "P001");
	assert_string_equal(r.ref, "T-1");
	assert_string_equal(r.note, "table 2, près de l'entrée");
	assert_true(r.has_amount && r.has_price && r.has_vat);
	assert_string_equal(r.file, LEDGER);
	assert_int_equal(r.line, 2);
	assert_int_equal(row_counts_as(&r), KIND_SALE);
}

static void test_parse_charge_count_void(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, LEDGER, LEDGER_HEADER_V1, FROM_LEDGER);
	/* A decimal comma, quoted: 12,00 is 1200 cents. */
	parse_ok(&c, "C00001,2026-05-05,charge,,,,\"12,00\",20,packaging,card,,"
	         "F-17,Metro", FROM_LEDGER, &r);
	assert_int_equal(r.kind, KIND_CHARGE);
	assert_int_equal(r.amount, 1200);
	assert_int_equal(r.vat, 2000);
	assert_string_equal(r.category, "packaging");
	assert_int_equal(r.payment, PAY_CARD);
	assert_false(r.has_price);

	parse_ok(&c, "K00001,2026-05-09,count,,,,75.00,,,cash,,,Ada",
	         FROM_LEDGER, &r);
	assert_int_equal(r.kind, KIND_COUNT);
	assert_int_equal(r.amount, 7500);
	assert_false(r.has_vat);

	/* A void repeats the voided row and names it in ref: it counts as
	 * the kind it voids. */
	parse_ok(&c, "V00002,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,"
	         "S00003,typed twice", FROM_LEDGER, &r);
	assert_int_equal(r.kind, KIND_VOID);
	assert_int_equal(r.amount, 1000);
	assert_string_equal(r.ref, "S00003");
	assert_int_equal(row_counts_as(&r), KIND_SALE);
}

static void test_parse_hours(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, HOURS, HOURS_HEADER, FROM_HOURS);
	parse_ok(&c, "H00001,2026-05-05,hours,P002,\"3,5\",sheet-1,", FROM_HOURS,
	         &r);
	assert_int_equal(r.kind, KIND_HOURS);
	assert_true(r.in_hours);
	assert_int_equal(r.hours, 350);
	assert_string_equal(r.participant, "P002");
	assert_false(r.has_amount);
	/* 24 hours is the most a day holds, 0.01 the least. */
	parse_ok(&c, "H00002,2026-05-05,hours,P1234,24,,", FROM_HOURS, &r);
	assert_int_equal(r.hours, 2400);
	assert_string_equal(r.participant, "P1234");
	parse_ok(&c, "H00003,2026-05-05,hours,P002,0.01,,", FROM_HOURS, &r);
	assert_int_equal(r.hours, 1);

	parse_ok(&c, "V00001,2026-05-05,void,P003,4.00,H00003,Chloé was ill",
	         FROM_HOURS, &r);
	assert_int_equal(r.kind, KIND_VOID);
	assert_true(r.in_hours);
	assert_int_equal(r.hours, 400);
	assert_int_equal(row_counts_as(&r), KIND_HOURS);
	assert_string_equal(r.role, "");

	/* The role, after note; checked as text. */
	parse_ok(&c, "H00004,2026-05-05,hours,P002,2,,n,production", FROM_HOURS,
	         &r);
	assert_string_equal(r.role, "production");
	assert_string_equal(r.note, "n");
	parse_bad(&c, "H00004,2026-05-05,hours,P002,2,,n,\"a\tb\"", FROM_HOURS,
	          "column 'role'");
	/* hours.csv from before the roles: none, read "". */
	header(&c, HOURS, HOURS_HEADER_V1, FROM_HOURS);
	parse_ok(&c, "H00001,2026-05-05,hours,P002,3.50,sheet-1,n", FROM_HOURS,
	         &r);
	assert_string_equal(r.role, "");
	assert_string_equal(r.ref, "sheet-1");
	assert_int_equal(c.cols.at[COL_ROLE], -1);
}

/* A file's columns in another order, and one we do not know: read by
 * header name. */
static void test_parse_by_header_name(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, LEDGER, "note,ref,participant,payment,category,vat_rate,"
	       "amount,unit_price,quantity,product,kind,date,id,extra",
	       FROM_LEDGER);
	parse_ok(&c, "n,r,P002,card,,20,24.00,8.00,3,sac-vrac,sale,2026-05-09,"
	         "S00002,whatever", FROM_LEDGER, &r);
	assert_string_equal(r.id, "S00002");
	assert_int_equal(r.amount, 2400);
	assert_int_equal(r.unit_price, 800);
	assert_int_equal(r.quantity, 3);
	assert_string_equal(r.product, "sac-vrac");
	assert_string_equal(r.note, "n");
}

/* A batch row: no id, a date may be left out (today, by row_check),
 * columns left out; the kind decides the file. */
static void test_parse_batch(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, "b.csv", "kind,product,quantity,hours,participant",
	       FROM_BATCH);
	parse_ok(&c, "sale,cookie,2,,", FROM_BATCH, &r);
	assert_string_equal(r.id, "");
	assert_int_equal(r.date, DATE_NONE);
	assert_int_equal(r.quantity, 2);
	assert_false(r.has_amount || r.has_price || r.has_vat);
	parse_ok(&c, "hours,,,2,P001", FROM_BATCH, &r);
	assert_true(r.in_hours);
	assert_int_equal(r.hours, 200);
}

/* ---- row_parse: refusals, each naming file:line and the column ---- */

static void test_parse_refusals_ledger(void **state)
{
	struct csv c;
	(void)state;

	header(&c, LEDGER, LEDGER_HEADER_V1, FROM_LEDGER);
	parse_bad(&c, "H00001,2026-05-05,hours,,,,,,,,P001,,", FROM_LEDGER,
	          "ledger.csv:7: column 'kind': 'hours' is not a kind of row "
	          "here (sale, charge, count, deposit or void)");
	parse_bad(&c, "S00001,2026-05-05,gift,,,,1.00,,,,,,", FROM_LEDGER,
	          "column 'kind': 'gift'");
	parse_bad(&c, "C00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'id': 'C00001' is not a sale id like "
	          "S00001");
	parse_bad(&c, "S1x,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'id'");
	parse_bad(&c, "S00001,2026-02-30,sale,cookie,1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'date': '2026-02-30' is not a date "
	          "(YYYY-MM-DD)");
	parse_bad(&c, "S00001,,sale,cookie,1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'date': the date is missing");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,0,2.50,0.00,5.5,,cash,,,",
	          FROM_LEDGER, "column 'quantity': '0' is not a whole quantity "
	          "of 1 or more");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1.5,2.50,3.75,5.5,,cash,,,",
	          FROM_LEDGER, "column 'quantity'");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,-1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'quantity'");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,99999999999999999999,2.50,"
	          "2.50,5.5,,cash,,,", FROM_LEDGER, "column 'quantity'");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,12.345,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'unit_price': '12.345' is not an amount "
	          "like 12.50");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,1e3,5.5,,cash,,,",
	          FROM_LEDGER, "column 'amount': '1e3' is not an amount");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,2.50,100.01,,cash,,,",
	          FROM_LEDGER, "column 'vat_rate': '100.01' is not a VAT rate "
	          "from 0 to 100");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,bitcoin,,,",
	          FROM_LEDGER, "column 'payment': 'bitcoin' is not a payment "
	          "method (cash, card, cheque, transfer, other)");
	/* Payments in lowercase only. */
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,Cash,,,",
	          FROM_LEDGER, "column 'payment'");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,P01,,",
	          FROM_LEDGER, "column 'participant': 'P01' is not a "
	          "participant id like P001");
	parse_bad(&c, "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,"
	          "\"two\nlines\"", FROM_LEDGER, "column 'note'");
	parse_bad(&c, "S00001,2026-05-05,sale,caf\351,1,2.50,2.50,5.5,,cash,,,",
	          FROM_LEDGER, "column 'product'");
	parse_bad(&c, "V00001,2026-05-05,void,cookie,1,2.50,2.50,5.5,,cash,,,x",
	          FROM_LEDGER, "column 'ref': a void names the id it voids");
	parse_bad(&c, "C00001,2026-05-05,charge,,,,,20,stand,card,,,",
	          FROM_LEDGER, "column 'amount': the amount is missing");
}

static void test_parse_refusals_hours(void **state)
{
	struct csv c;
	(void)state;

	header(&c, HOURS, HOURS_HEADER, FROM_HOURS);
	parse_bad(&c, "S00001,2026-05-05,sale,P001,1,,", FROM_HOURS,
	          "hours.csv:7: column 'kind': 'sale' is not a kind of row here "
	          "(hours or void)");
	parse_bad(&c, "H00001,2026-05-05,hours,P001,0,,", FROM_HOURS,
	          "column 'hours': '0' is not a number of hours above 0 and at "
	          "most 24");
	parse_bad(&c, "H00001,2026-05-05,hours,P001,24.01,,", FROM_HOURS,
	          "column 'hours': '24.01'");
	parse_bad(&c, "H00001,2026-05-05,hours,P001,7.555,,", FROM_HOURS,
	          "column 'hours'");
	parse_bad(&c, "H00001,2026-05-05,hours,,7,,", FROM_HOURS,
	          "column 'participant': hours need a participant");
	parse_bad(&c, "H00001,2026-05-05,hours,P001,,,", FROM_HOURS,
	          "column 'hours': the hours are missing");
}

static void test_parse_refusals_batch_and_cli(void **state)
{
	struct csv c;
	struct row r;
	(void)state;

	header(&c, "b.csv", "id,kind,quantity,product", FROM_BATCH);
	parse_bad(&c, "S00001,sale,1,cookie", FROM_BATCH,
	          "b.csv:7: column 'id': 'S00001': ids are given by "
	          "flashcoop-record");
	parse_bad(&c, ",refund,1,cookie", FROM_BATCH, "'refund' is not a kind "
	          "of row here (sale, charge, count, deposit, hours or "
	          "void)");
	/* The command line: the message names the option, not a file. */
	header(&c, "", "kind,quantity,product", FROM_CLI);
	parse_bad(&c, "sale,1.5,cookie", FROM_CLI, "--qty '1.5' is not a whole "
	          "quantity");
	parse_ok(&c, "sale,2,cookie", FROM_CLI, &r);
	assert_null(r.file);
}

/* ---- row_cols: the header ---- */

static void cols_bad(const char *line, enum source src, const char *want)
{
	char buf[1024], *f[TABLE_MAX_COLS];
	struct table_row h = { 0 };
	struct row_cols c;
	struct fc_error e = { 0, "" };

	split(line, buf, sizeof buf, f, &h.n);
	h.name = "x.csv";
	h.line = 1;
	h.header = true;
	h.ncols = h.n;
	h.field = h.col = f;
	assert_int_equal(row_cols(&h, src, &c, &e), FC_DATAERR);
	if (!strstr(e.msg, want))
		fail_msg("row_cols(%s): \"%s\" does not say \"%s\"", line, e.msg,
		         want);
}

static void test_cols(void **state)
{
	(void)state;
	cols_bad("id,date,kind,product,quantity,unit_price,amount,vat_rate,"
	         "category,payment,participant,ref", FROM_LEDGER,
	         "x.csv:1: no 'note' column in the header");
	cols_bad("id,date,kind,participant,ref,note", FROM_HOURS,
	         "no 'hours' column");
	cols_bad("product,quantity", FROM_BATCH, "no 'kind' column in the "
	         "header");
	/* A misspelt column of a batch is refused, not ignored. */
	cols_bad("kind,product,qty", FROM_BATCH, "x.csv:1: unknown column "
	         "'qty'");
}

/* ---- row_check: a new row against the project ---- */

struct fixture {
	struct project p;
	struct product products[2];
	struct participant v[2];
	struct participants ps;
};

/* 2026-05-04 to 2026-05-13, VAT; cookie 2.50 at 5.5 %, sac-vrac 8.00 at
 * 20 %; P001 from 05-04 withdrawn on 05-10, P002 from 05-06. */
static void fixture(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->p.dir = (char *)".";
	f->p.start = day(5, 4);
	f->p.end = day(5, 13);
	f->p.vat = true;
	f->products[0] = (struct product){ (char *)"cookie", 250, 550, false, { 0 } };
	f->products[1] = (struct product){ (char *)"sac-vrac", 800, 2000, false, { 0 } };
	f->p.products = f->products;
	f->p.nproducts = 2;
	snprintf(f->v[0].id, sizeof f->v[0].id, "P001");
	f->v[0].enrolled = day(5, 4);
	f->v[0].withdrawn = day(5, 10);
	snprintf(f->v[1].id, sizeof f->v[1].id, "P002");
	f->v[1].enrolled = day(5, 6);
	f->v[1].withdrawn = DATE_NONE;
	f->ps.v = f->v;
	f->ps.n = f->ps.cap = 2;
}

/* A row of the command line, as flashcoop-record's options give it. */
static struct row cli(struct csv *c, const char *hdr, const char *line)
{
	struct row r;
	header(c, "", hdr, FROM_CLI);
	parse_ok(c, line, FROM_CLI, &r);
	return r;
}

static void check_ok(struct fixture *f, struct row *r)
{
	struct fc_error e;
	if (row_check(&f->p, &f->ps, r, &e) != 0)
		fail_msg("row_check refused: %s", e.msg);
}

static void check_bad(struct fixture *f, struct row r, const char *want)
{
	struct fc_error e = { 0, "" };
	int rc = row_check(&f->p, &f->ps, &r, &e);
	if (rc != FC_DATAERR)
		fail_msg("row_check = %d, want a refusal saying \"%s\"", rc, want);
	if (!strstr(e.msg, want))
		fail_msg("row_check: \"%s\" does not say \"%s\"", e.msg, want);
}

/* The catalogue gives the price and the rate, whatever the case the
 * product is typed in (stored as the catalogue names it); amount =
 * quantity x unit price = 3 x 2.50 = 7.50; payment cash by default. */
static void test_check_sale_from_catalogue(void **state)
{
	struct fixture f;
	struct csv c;
	struct row r;
	(void)state;

	fixture(&f);
	r = cli(&c, "kind,product,quantity,date", "sale,COOKIE,3,2026-05-05");
	check_ok(&f, &r);
	assert_string_equal(r.product, "cookie");
	assert_int_equal(r.unit_price, 250);
	assert_int_equal(r.vat, 550);
	assert_int_equal(r.amount, 750);
	assert_true(r.has_amount && r.has_price && r.has_vat);
	assert_int_equal(r.payment, PAY_CASH);

	/* --price and --vat override the catalogue: 2 x 3.10 at 10 %. */
	r = cli(&c, "kind,product,quantity,unit_price,vat_rate,payment,date",
	        "sale,sac-vrac,2,3.10,10,card,2026-05-05");
	check_ok(&f, &r);
	assert_int_equal(r.amount, 620);
	assert_int_equal(r.vat, 1000);
	assert_int_equal(r.payment, PAY_CARD);

	/* An amount given must be quantity x unit price. */
	r = cli(&c, "kind,product,quantity,amount,date",
	        "sale,cookie,3,7.50,2026-05-05");
	check_ok(&f, &r);
	check_bad(&f, cli(&c, "kind,product,quantity,amount,date",
	                  "sale,cookie,3,7.00,2026-05-05"),
	          "--amount 7.00 is not quantity x unit price = 7.50");
}

static void test_check_sale_refusals(void **state)
{
	struct fixture f;
	struct csv c;
	(void)state;

	fixture(&f);
	check_bad(&f, cli(&c, "kind,product,quantity,date",
	                  "sale,gateau,1,2026-05-05"),
	          "'gateau' is not in the catalogue of flashcoop.ini: give its "
	          "price and VAT rate");
	/* A price without a rate is not enough when the project has VAT... */
	check_bad(&f, cli(&c, "kind,product,quantity,unit_price,date",
	                  "sale,gateau,1,2.00,2026-05-05"), "not in the catalogue");
	/* ...but with vat = no, the rate is 0. */
	f.p.vat = false;
	{
		struct row r = cli(&c, "kind,product,quantity,unit_price,date",
		                   "sale,gateau,2,2.00,2026-05-05");
		check_ok(&f, &r);
		assert_int_equal(r.vat, 0);
		assert_int_equal(r.amount, 400);
	}
	f.p.vat = true;
	check_bad(&f, cli(&c, "kind,quantity,date", "sale,1,2026-05-05"),
	          "a sale names its product");
	check_bad(&f, cli(&c, "kind,product,date", "sale,cookie,2026-05-05"),
	          "a sale gives its quantity");
	/* 92233720368547759 x 2.00 does not fit in cents. */
	check_bad(&f, cli(&c, "kind,product,quantity,unit_price,date",
	                  "sale,cookie,92233720368547759,2.00,2026-05-05"),
	          "quantity x unit price is too large");
	/* A column a sale has no use for. */
	check_bad(&f, cli(&c, "kind,product,quantity,category,date",
	                  "sale,cookie,1,stand,2026-05-05"),
	          "--category a sale has no category");
	check_bad(&f, cli(&c, "kind,product,quantity,hours,date",
	                  "sale,cookie,1,2,2026-05-05"), "a sale has no hours");
}

/* The period, both ends included; the participant enrolled on the date,
 * and not on or after the withdrawal date (the first day without). */
static void test_check_dates_and_participants(void **state)
{
	struct fixture f;
	struct csv c;
	struct row r;
	(void)state;

	fixture(&f);
	r = cli(&c, "kind,product,quantity,date", "sale,cookie,1,2026-05-04");
	check_ok(&f, &r);
	r = cli(&c, "kind,product,quantity,date", "sale,cookie,1,2026-05-13");
	check_ok(&f, &r);
	check_bad(&f, cli(&c, "kind,product,quantity,date",
	                  "sale,cookie,1,2026-05-03"),
	          "--date 2026-05-03 is outside the project's period "
	          "(2026-05-04 to 2026-05-13)");
	check_bad(&f, cli(&c, "kind,product,quantity,date",
	                  "sale,cookie,1,2026-05-14"), "outside the project's");

	r = cli(&c, "kind,participant,hours,date", "hours,P001,7,2026-05-09");
	check_ok(&f, &r);
	check_bad(&f, cli(&c, "kind,participant,hours,date",
	                  "hours,P001,7,2026-05-10"),
	          "P001 withdrew on 2026-05-10, before 2026-05-10");
	check_bad(&f, cli(&c, "kind,product,quantity,participant,date",
	                  "sale,cookie,1,P001,2026-05-11"), "P001 withdrew");
	check_bad(&f, cli(&c, "kind,participant,hours,date",
	                  "hours,P002,7,2026-05-05"),
	          "P002 is enrolled from 2026-05-06, not on 2026-05-05");
	r = cli(&c, "kind,participant,hours,date", "hours,P002,7,2026-05-06");
	check_ok(&f, &r);
	check_bad(&f, cli(&c, "kind,participant,hours,date",
	                  "hours,P009,1,2026-05-06"),
	          "no participant P009 is enrolled");
	check_bad(&f, cli(&c, "kind,hours,date", "hours,1,2026-05-06"),
	          "hours need a participant");
	check_bad(&f, cli(&c, "kind,participant,date", "hours,P002,2026-05-06"),
	          "the hours are missing");
	check_bad(&f, cli(&c, "kind,participant,hours,amount,date",
	                  "hours,P002,1,1.00,2026-05-06"),
	          "hours have no amount");
}

/* A charge: an amount above 0 and a category; the rate 0 unless stated
 * (no VAT recovered), payment other by default.  A count: cash only. */
static void test_check_charge_and_count(void **state)
{
	struct fixture f;
	struct csv c;
	struct row r;
	(void)state;

	fixture(&f);
	r = cli(&c, "kind,amount,category,date", "charge,12.00,stand,2026-05-05");
	check_ok(&f, &r);
	assert_int_equal(r.vat, 0);
	assert_true(r.has_vat);
	assert_int_equal(r.payment, PAY_OTHER);
	check_bad(&f, cli(&c, "kind,amount,category,date",
	                  "charge,0,stand,2026-05-05"),
	          "a charge needs an amount above 0");
	check_bad(&f, cli(&c, "kind,amount,date", "charge,3,2026-05-05"),
	          "a charge needs a category");
	check_bad(&f, cli(&c, "kind,amount,category,product,date",
	                  "charge,3,stand,cookie,2026-05-05"),
	          "a charge has no product");
	check_bad(&f, cli(&c, "kind,amount,category,participant,date",
	                  "charge,3,stand,P002,2026-05-07"),
	          "a charge has no participant");

	r = cli(&c, "kind,amount,date", "count,0,2026-05-05");
	check_ok(&f, &r);
	assert_int_equal(r.payment, PAY_CASH);
	assert_int_equal(r.amount, 0);
	check_bad(&f, cli(&c, "kind,amount,payment,date",
	                  "count,55.00,card,2026-05-05"), "a count is of cash");
	check_bad(&f, cli(&c, "kind,date", "count,2026-05-05"),
	          "a count gives the cash counted");
	check_bad(&f, cli(&c, "kind,amount,vat_rate,date",
	                  "count,5,20,2026-05-05"), "a count has no VAT rate");
}

/* ---- row_format: a row as the files hold it ---- */

/* In our own order (l NULL) the row ends with the chain's three columns,
 * empty until the row is written (record stamps them), and a ledger's
 * row with its lot before them (empty here: a lot is tested with a
 * layout): want is given without them. */
static void format_is(const struct row *r, const struct row_layout *l,
                      const char *want)
{
	struct buf b = { 0 };
	char full[4096];

	bool ledger = row_file_of(r) == ROW_FILE_LEDGER;

	snprintf(full, sizeof full, "%.*s%s", (int)strlen(want) - 1, want,
	         l ? "\n" : ledger ? ",,,,\n" : ",,,\n");
	assert_int_equal(row_format(&b, r, l), 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, full);
	buf_free(&b);
}

/* The layout of a header line (as rows_layout reads it from a file). */
static void layout(struct row_layout *l, const char *line, bool hours)
{
	struct csv c;
	header(&c, hours ? HOURS : LEDGER, line, hours ? FROM_HOURS :
	       FROM_LEDGER);
	l->cols = c.cols;
	l->ncols = c.header.ncols;
}

static void test_format(void **state)
{
	struct fixture f;
	struct csv c;
	struct row r, v;
	struct row_layout l;
	(void)state;

	fixture(&f);
	r = cli(&c, "kind,product,quantity,participant,ref,note,date",
	        "sale,cookie,3,P001,T-1,\"table 2, près\",2026-05-05");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "S00001");
	/* Our order, the note quoted for its comma. */
	format_is(&r, NULL, "S00001,2026-05-05,sale,cookie,3,2.50,7.50,5.5,,"
	          "cash,P001,T-1,\"table 2, près\",\n");
	/* A file's own order, with a column we do not know left empty. */
	layout(&l, "date,id,extra,kind,amount,product,quantity,unit_price,"
	       "vat_rate,category,payment,participant,ref,note", false);
	format_is(&r, &l, "2026-05-05,S00001,,sale,7.50,cookie,3,2.50,5.5,,"
	          "cash,P001,T-1,\"table 2, près\"\n");
	/* Its lot, in the file's lot column; a file without it refuses
	 * it (a ledger from before the production). */
	r.lot = "L00002";
	layout(&l, "lot,id,date,kind,product,quantity,unit_price,amount,"
	       "vat_rate,category,payment,participant,ref,note", false);
	format_is(&r, &l, "L00002,S00001,2026-05-05,sale,cookie,3,2.50,7.50,"
	          "5.5,,cash,P001,T-1,\"table 2, près\"\n");
	struct fc_error fe;
	assert_int_equal(row_layout_fits(&l, &r, &fe), 0);
	layout(&l, "id,date,kind,product,quantity,unit_price,amount,"
	       "vat_rate,category,payment,participant,ref,note", false);
	assert_int_equal(row_layout_fits(&l, &r, &fe), FC_DATAERR);
	assert_non_null(strstr(fe.msg, "no lot column"));
	r.lot = "";

	/* Its void repeats it, names it in ref, gives the reason as note. */
	row_void_of(&v, &r, "typed twice");
	snprintf(v.id, sizeof v.id, "V00001");
	format_is(&v, NULL, "V00001,2026-05-05,void,cookie,3,2.50,7.50,5.5,,"
	          "cash,P001,S00001,typed twice,\n");

	/* A charge: no quantity nor price; a rate written in its shortest
	 * form (5.50 -> 5.5; 20.00 -> 20). */
	r = cli(&c, "kind,amount,category,vat_rate,payment,date",
	        "charge,\"6,00\",packaging,20.00,card,2026-05-05");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "C00002");
	format_is(&r, NULL, "C00002,2026-05-05,charge,,,,6.00,20,packaging,"
	          "card,,,,\n");
	/* The VAT printed on its receipt, in its own column; a ledger from
	 * before the books has none, and refuses to drop it. */
	r = cli(&c, "kind,amount,category,vat_rate,vat_amount,payment,date",
	        "charge,\"6,00\",packaging,20,\"0,99\",card,2026-05-05");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "C00003");
	format_is(&r, NULL, "C00003,2026-05-05,charge,,,,6.00,20,packaging,"
	          "card,,,,0.99\n");
	layout(&l, "id,date,kind,product,quantity,unit_price,amount,vat_rate,"
	       "category,payment,participant,ref,note", false);
	{
		struct fc_error e;
		assert_int_equal(row_layout_fits(&l, &r, &e), FC_DATAERR);
		assert_non_null(strstr(e.msg, "no vat_amount column"));
		r.has_vat_amount = false;
		assert_int_equal(row_layout_fits(&l, &r, &e), 0);
	}
	/* A count: no rate. */
	r = cli(&c, "kind,amount,note,date", "count,75,Ada,2026-05-09");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "K00001");
	format_is(&r, NULL, "K00001,2026-05-09,count,,,,75.00,,,cash,,,Ada,\n");
	/* A deposit: cash by default, no rate. */
	r = cli(&c, "kind,amount,ref,date", "deposit,120,BQ-1,2026-05-10");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "D00001");
	format_is(&r, NULL, "D00001,2026-05-10,deposit,,,,120.00,,,cash,,BQ-1,"
	          ",\n");

	/* Hours, in hours.csv's order or a file's own. */
	r = cli(&c, "kind,participant,hours,date", "hours,P002,\"3,5\",2026-05-06");
	check_ok(&f, &r);
	snprintf(r.id, sizeof r.id, "H00002");
	/* ref, note, role empty */
	format_is(&r, NULL, "H00002,2026-05-06,hours,P002,3.50,,,\n");
	layout(&l, "hours,participant,date,kind,id,note,ref", true);
	format_is(&r, &l, "3.50,P002,2026-05-06,hours,H00002,,\n");
	{
		struct fc_error e = { 0, "" };
		/* A file without role: hours without one fit it. */
		assert_int_equal(row_layout_fits(&l, &r, &e), 0);
		/* With a role: after note in our order, in its column in a
		 * file's own; a file without the column cannot keep it. */
		r = cli(&c, "kind,participant,hours,role,date",
		        "hours,P002,2,\"sale, stand\",2026-05-06");
		check_ok(&f, &r);
		snprintf(r.id, sizeof r.id, "H00003");
		format_is(&r, NULL, "H00003,2026-05-06,hours,P002,2.00,,,"
		          "\"sale, stand\"\n");
		assert_int_equal(row_layout_fits(&l, &r, &e), FC_DATAERR);
		assert_non_null(strstr(e.msg, "hours.csv has no role column"));
		layout(&l, "role,hours,participant,date,kind,id,note,ref", true);
		assert_int_equal(row_layout_fits(&l, &r, &e), 0);
		format_is(&r, &l, "\"sale, stand\",2.00,P002,2026-05-06,hours,"
		          "H00003,,\n");
		/* Its void repeats the role. */
		{
			struct row vd;
			row_void_of(&vd, &r, "wrong day");
			snprintf(vd.id, sizeof vd.id, "V00004");
			format_is(&vd, NULL, "V00004,2026-05-06,void,P002,2.00,H00003,"
			          "wrong day,\"sale, stand\"\n");
		}
	}
}

/* What row_parse reads, row_format writes back unchanged: a row of each
 * kind, in the ledger's order. */
static void test_format_round_trip(void **state)
{
	static const char *const lines[] = {
		"S00001,2026-05-05,sale,cookie,3,2.50,7.50,5.5,,cash,P001,T-1,n,",
		"C00001,2026-05-05,charge,,,,12.00,5.5,ingredients,other,,F-1,"
		"\"Biocoop, farine\",",
		"C00002,2026-05-05,charge,,,,12.00,5.5,ingredients,cash,,F-2,,0.61",
		"K00001,2026-05-09,count,,,,75.00,,,cash,,,Ada,",
		"D00001,2026-05-10,deposit,,,,20.00,,,cheque,,R-1,,",
		"V00001,2026-05-05,void,cookie,3,2.50,7.50,5.5,,cash,P001,S00001,"
		"typed twice,",
		"V00002,2026-05-05,void,,,,12.00,5.5,ingredients,cash,,C00002,x,0.61",
	};
	struct csv c;
	struct row r;
	char want[512];
	(void)state;

	header(&c, LEDGER, LEDGER_HEADER, FROM_LEDGER);
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		parse_ok(&c, lines[i], FROM_LEDGER, &r);
		snprintf(want, sizeof want, "%s\n", lines[i]);
		format_is(&r, NULL, want);
	}
}

/* ---- ids ---- */

static void test_id_format_and_next(void **state)
{
	char id[ID_SIZE];
	(void)state;

	row_id_format(id, 'S', 42, NULL);
	assert_string_equal(id, "S00042");
	row_id_format(id, 'V', 123456, "");
	assert_string_equal(id, "V123456");
	row_id_format(id, 'H', 100000, NULL);
	assert_string_equal(id, "H100000");
	/* Another terminal's: its name after the number. */
	row_id_format(id, 'S', 7, "stand");
	assert_string_equal(id, "S00007-stand");
	row_id_format(id, 'V', 12, "a-very-long1");
	assert_string_equal(id, "V00012-a-very-long1");

	assert_int_equal(kind_of_letter('S'), KIND_SALE);
	assert_int_equal(kind_of_letter('V'), KIND_VOID);
	assert_int_equal(kind_of_letter('H'), KIND_HOURS);
	assert_int_equal(kind_of_letter('P'), -1);
	assert_int_equal(kind_of_letter('\0'), -1);
	assert_int_equal(payment_parse("cheque"), PAY_CHEQUE);
	assert_int_equal(payment_parse(""), -1);
	assert_int_equal(payment_parse("CARD"), -1);
}

/* rows_next_id on files in a temporary folder. */
static char tmpdir[] = "/tmp/fc-test-row-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static void write_file(const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The first terminal: the rows from before the chain are its too. */
static const struct row_writer first = { "main", true };

static void next_is(enum kind k, const char *want)
{
	char id[ID_SIZE] = "";
	struct fc_error e;
	if (rows_next_id(tmpdir, &first, k, k == KIND_HOURS ? ROW_FILE_HOURS : ROW_FILE_LEDGER, id, NULL, &e) != 0)
		fail_msg("rows_next_id(%c) refused: %s", kind_letter(k), e.msg);
	assert_string_equal(id, want);
}

static void test_next_id(void **state)
{
	char id[ID_SIZE];
	struct fc_error e;
	struct buf big = { 0 };
	(void)state;

	/* New files: every kind starts at 1. */
	write_file(LEDGER, LEDGER_HEADER_V1 "\n");
	write_file(HOURS, HOURS_HEADER "\n");
	next_is(KIND_SALE, "S00001");
	next_is(KIND_VOID, "V00001");
	next_is(KIND_HOURS, "H00001");

	/* The last of each kind, wherever it is in the file. */
	write_file(LEDGER, LEDGER_HEADER_V1 "\n"
	           "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n"
	           "C00001,2026-05-05,charge,,,,1.00,0,stand,other,,,\n"
	           "S00002,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n"
	           "V00001,2026-05-05,void,cookie,1,2.50,2.50,5.5,,cash,,S00002,x\n"
	           "V00003,2026-05-05,void,,,,1.00,0,stand,other,,C00001,x\n"
	           "K00001,2026-05-05,count,,,,2.50,,,cash,,,\n");
	write_file(HOURS, HOURS_HEADER "\n"
	           "H00001,2026-05-05,hours,P001,7.00,,,\n"
	           "V00002,2026-05-05,void,P001,7.00,H00001,x,\n");
	next_is(KIND_SALE, "S00003");
	next_is(KIND_CHARGE, "C00002");
	next_is(KIND_COUNT, "K00002");
	next_is(KIND_HOURS, "H00002");
	/* V ids run over both files: V00003 in ledger.csv, V00002 in
	 * hours.csv, the next is V00004. */
	next_is(KIND_VOID, "V00004");

	/* A header in another order: the id column found by name. */
	write_file(HOURS, "note,ref,hours,participant,kind,date,id\n"
	           ",,7.00,P001,hours,2026-05-05,H00041\n");
	next_is(KIND_HOURS, "H00042");

	/* A long ledger whose last sale is far back (counts after it, more
	 * than one 64 KB window): read backwards all the same. */
	buf_puts(&big, LEDGER_HEADER_V1 "\n"
	         "S00007,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n");
	for (int i = 1; i <= 3000; i++) {
		char line[128];
		snprintf(line, sizeof line, "K%05d,2026-05-05,count,,,,2.50,,,cash,,,"
		         "a note to make the line longer\n", i);
		buf_puts(&big, line);
	}
	assert_true(big.len > 2 * 65536);
	write_file(LEDGER, big.p);
	buf_free(&big);
	next_is(KIND_SALE, "S00008");
	next_is(KIND_COUNT, "K03001");

	/* A torn last line (no newline): refused, naming the line. */
	write_file(LEDGER, LEDGER_HEADER_V1 "\n"
	           "S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n"
	           "S00002,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,ca");
	assert_int_equal(rows_next_id(tmpdir, &first, KIND_SALE, ROW_FILE_LEDGER, id, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "ledger.csv:3: the last line has no "
	                       "newline"));
	/* A header without our columns. */
	write_file(LEDGER, "id,date\n");
	assert_int_equal(rows_next_id(tmpdir, &first, KIND_SALE, ROW_FILE_LEDGER, id, NULL, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "no 'kind' column"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_sale),
		cmocka_unit_test(test_parse_charge_count_void),
		cmocka_unit_test(test_parse_hours),
		cmocka_unit_test(test_parse_by_header_name),
		cmocka_unit_test(test_parse_batch),
		cmocka_unit_test(test_parse_refusals_ledger),
		cmocka_unit_test(test_parse_refusals_hours),
		cmocka_unit_test(test_parse_refusals_batch_and_cli),
		cmocka_unit_test(test_cols),
		cmocka_unit_test(test_check_sale_from_catalogue),
		cmocka_unit_test(test_check_sale_refusals),
		cmocka_unit_test(test_check_dates_and_participants),
		cmocka_unit_test(test_check_charge_and_count),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_id_format_and_next),
		cmocka_unit_test(test_next_id),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
