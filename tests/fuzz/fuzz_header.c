/*
 * libFuzzer target: the header mapping, by which rows are written in a
 * file's own column order (lib/entry.c: rows_layout, row_format,
 * rows_read; lib/participant.c: participants_load, participant_format).
 *
 * The input is read as a list of choices (a byte each; zeros when it runs
 * out), for two files in turn, in a temp folder made once (under $TMPDIR,
 * else /dev/shm when writable, else /tmp; removed at exit):
 *
 * ledger.csv, or hours.csv: a permutation of its columns (LEDGER_HEADER,
 * HOURS_HEADER), up to three extra columns this version does not know
 * (names that need quotes among them), a UTF-8 BOM or not, and a valid
 * entry: kind (sale, charge, count, void; hours or void in hours.csv), an
 * id of its kind, a date in 2026, a product of a small set, quantity 1-99
 * and a price in cents for a sale (or the void of one), an amount, a VAT
 * rate among 0, 5.5, 10 and 20 %, a category, a payment, a participant,
 * hours, a ref and a note of printable ASCII (some starting with a quote,
 * a comma, a space or a git conflict marker).  The header is written
 * (through table_format_row), rows_layout() must read it (every column
 * of ours found where it was put), row_format() writes the entry in that
 * layout: a row of exactly as many fields as the header
 * (table_split_line), the extra columns empty.  Appended, then read back
 * with rows_read(): one entry, with the same id, kind, date, product,
 * quantity, unit price, amount, VAT rate, category, payment, participant,
 * hours, ref and note (and which of amount, price and VAT were given).
 *
 * participants.csv: a permutation of the columns of participant.c (id,
 * name, contract and enrolled always; each of the six others or not),
 * extra columns, a BOM or not, and a participant.  participants_load()
 * must read the header (each column of ours where it was put, ncols), and
 * participant_format() refuses the participant (FC_DATAERR) exactly when
 * a value it has has no column; the values without a column are then
 * emptied and it must write it: as many fields as the header.  Appended,
 * participants_load() again: one participant, equal field by field.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/table.h"
#include "../unit/rmtree.h"

/* The headers of a file from before the chain, which is still read: the
 * chain's columns must be last, so they are left out of the permutations
 * (t0441 and fuzz_chain take the chained files). */
#define OLD_LEDGER_HEADER "id,date,kind,product,quantity,unit_price,amount," \
	"vat_rate,category,payment,participant,ref,note"
#define OLD_HOURS_HEADER "id,date,kind,participant,hours,ref,note"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_header: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

static char dir[PATH_MAX], ledger[PATH_MAX], hours[PATH_MAX],
            participants[PATH_MAX];

/* ---- the input as choices ---- */

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned byte(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static unsigned u16(struct input *in)
{
	unsigned lo = byte(in);
	return lo | byte(in) << 8;
}



/* A text of printable ASCII (no control character: text.h), after a
 * prefix chosen among those a writer must take care of. */
#define TEXT_LEN 48
static void text(struct input *in, char out[TEXT_LEN + 16])
{
	static const char *const prefixes[] = {
		"", "", "", "", " ", "\"", ",", "=======", "======= ",
		"<<<<<<< ", ">>>>>>> ", "||||||| ", "\"\"", "a,b", "S00001",
		"#", "'", "\\",
	};
	const char *pre = prefixes[byte(in) % (sizeof prefixes /
	                                       sizeof *prefixes)];
	size_t len = byte(in) % 24, o = strlen(pre);

	memcpy(out, pre, o);
	for (size_t i = 0; i < len; i++)
		out[o++] = (char)(0x20 + byte(in) % 95);
	out[o] = '\0';
}

static int32_t day_2026(struct input *in)
{
	return date_from_ymd(2026, 1, 1) + (int32_t)(u16(in) % 365);
}

/* ---- columns ---- */

#define MAX_COLS 24

struct header {
	const char *col[MAX_COLS];
	size_t n;
	bool bom;
};

/* Split a header macro at its commas (into static storage). */
static size_t split_names(const char *list, char *store, size_t size,
                          const char **names, size_t max)
{
	size_t n = 0;
	char *s;

	if (strlen(list) >= size)
		FAIL("header too long");
	strcpy(store, list);
	for (s = store; n < max; s++) {
		names[n++] = s;
		if (!(s = strchr(s, ',')))
			break;
		*s = '\0';
	}
	return n;
}

/* Columns no file of ours has (some need quotes); "hours" is known only
 * to hours.csv, so an unknown column of the ledger. */
static const char *const extras[] = {
	"x", "extra note", "a,b", "say \"hi\"", " spaced ", "ID", "Note",
	"\xc3\xa9t\xc3\xa9", "note ", "hours", "#", "=======",
};
#define NEXTRAS (sizeof extras / sizeof *extras)

static bool has(const struct header *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->col[i], name) == 0)
			return true;
	return false;
}

static int position(const struct header *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->col[i], name) == 0)
			return (int)i;
	return -1;
}

/* The columns given, in an order the input chooses, a few extra columns
 * put where it says, and a BOM or not. */
static void shuffle_header(struct input *in, struct header *h,
                           const char *const *cols, size_t n)
{
	unsigned flags = byte(in), nextra = (flags >> 1) % 4;

	h->bom = flags & 1;
	h->n = n;
	for (size_t i = 0; i < n; i++)
		h->col[i] = cols[i];
	for (size_t i = n; i-- > 1;) {
		size_t j = byte(in) % (i + 1);
		const char *t = h->col[i];
		h->col[i] = h->col[j];
		h->col[j] = t;
	}
	for (unsigned k = 0; k < nextra && h->n < MAX_COLS; k++) {
		size_t e = byte(in) % NEXTRAS, at = byte(in) % (h->n + 1);
		/* The next name not taken: a header names a column once. */
		for (size_t tries = 0; tries < NEXTRAS && has(h, extras[e]);
		     tries++)
			e = (e + 1) % NEXTRAS;
		if (has(h, extras[e]))
			break;
		memmove(&h->col[at + 1], &h->col[at],
		        (h->n - at) * sizeof *h->col);
		h->col[at] = extras[e];
		h->n++;
	}
}

static void write_file(const char *path, const char *data, size_t len,
                       int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0600);
	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) ||
	    close(fd) != 0) {
		perror(path);
		abort();
	}
}

static void write_header(const char *path, const struct header *h)
{
	struct buf b = { 0 };

	if (h->bom)
		buf_puts(&b, "\xef\xbb\xbf");
	if (table_format_row(&b, h->col, h->n) < 0)
		FAIL("table_format_row failed on a header of %zu columns", h->n);
	write_file(path, b.p, b.len, O_TRUNC);
	buf_free(&b);
}

/* The row written has the header's width: split it again. */
static void check_width(const struct buf *row, const struct header *h,
                        const char *what)
{
	char *fields[TABLE_MAX_COLS], *sbuf;
	size_t len;
	int n;

	if (!row->len || row->p[row->len - 1] != '\n')
		FAIL("%s: the row written does not end with a newline", what);
	len = row->len - 1;
	if (!(sbuf = malloc(len + 1)))
		abort();
	n = table_split_line(row->p, len, fields, TABLE_MAX_COLS, sbuf, len + 1);
	if (n < 0 || (size_t)n != h->n)
		FAIL("%s: %d fields in the row written [%.*s], %zu in the "
		     "header", what, n, (int)len, row->p, h->n);
	for (size_t i = 0; i < h->n; i++) {
		bool extra = false;
		for (size_t j = 0; j < NEXTRAS && !extra; j++)
			extra = strcmp(h->col[i], extras[j]) == 0;
		/* "hours" is no extra in hours.csv. */
		if (extra && strcmp(h->col[i], "hours") != 0 && fields[i][0])
			FAIL("%s: column '%s' is unknown, yet written '%s'", what,
			     h->col[i], fields[i]);
	}
	free(sbuf);
}

static void show_file(const char *path)
{
	char buf[8192];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	if (fd >= 0)
		close(fd);
	fprintf(stderr, "%s:\n%.*s\n", path, n > 0 ? (int)n : 0, buf);
}

/* ---- ledger.csv and hours.csv ---- */

static const char *ledger_cols[MAX_COLS], *hours_cols[MAX_COLS];
static size_t nledger_cols, nhours_cols;

struct expect {
	const struct row *en;
	const char *path;
	size_t seen;
};

#define DIFF(cond, what, ...) do { \
	if (cond) { \
		show_file(x->path); \
		FAIL("%s read back: " what, x->path, __VA_ARGS__); \
	} \
} while (0)

static int on_entry(void *ctx, const struct row *got, struct fc_error *e)
{
	struct expect *x = ctx;
	const struct row *w = x->en;

	(void)e;
	x->seen++;
	DIFF(x->seen > 1, "%zu entries where one was written", x->seen);
	DIFF(strcmp(got->id, w->id), "id %s, not %s", got->id, w->id);
	DIFF(got->kind != w->kind, "kind %s, not %s", kind_name(got->kind),
	     kind_name(w->kind));
	DIFF(got->in_hours != w->in_hours, "in_hours %d", got->in_hours);
	DIFF(got->date != w->date, "date %d, not %d", got->date, w->date);
	DIFF(strcmp(got->product, w->product), "product '%s', not '%s'",
	     got->product, w->product);
	DIFF(got->quantity != w->quantity, "quantity %lld, not %lld",
	     (long long)got->quantity, (long long)w->quantity);
	DIFF(got->unit_price != w->unit_price, "unit_price %lld, not %lld",
	     (long long)got->unit_price, (long long)w->unit_price);
	DIFF(got->amount != w->amount, "amount %lld, not %lld",
	     (long long)got->amount, (long long)w->amount);
	DIFF(got->vat != w->vat, "vat %d, not %d", got->vat, w->vat);
	DIFF(strcmp(got->category, w->category), "category '%s', not '%s'",
	     got->category, w->category);
	DIFF(got->payment != w->payment, "payment '%s', not '%s'",
	     payment_name(got->payment), payment_name(w->payment));
	DIFF(strcmp(got->participant, w->participant),
	     "participant '%s', not '%s'", got->participant, w->participant);
	DIFF(got->hours != w->hours, "hours %lld, not %lld",
	     (long long)got->hours, (long long)w->hours);
	DIFF(strcmp(got->ref, w->ref), "ref '%s', not '%s'", got->ref, w->ref);
	DIFF(strcmp(got->note, w->note), "note '%s', not '%s'", got->note,
	     w->note);
	DIFF(got->has_amount != w->has_amount || got->has_price != w->has_price ||
	     got->has_vat != w->has_vat, "given amount/price/vat %d%d%d, not "
	     "%d%d%d", got->has_amount, got->has_price, got->has_vat,
	     w->has_amount, w->has_price, w->has_vat);
	return 0;
}

/* A valid entry of the file, from the input. */
static void make_entry(struct input *in, bool in_hours, struct row *en,
                       char texts[4][TEXT_LEN + 16])
{
	static const char *const products[] = {
		"cookie", "Biscuit-Apero", "sac-vrac", "gratuit", "jus", "",
	};
	static const char *const categories[] = {
		"", "packaging", "ingredients", "rent, hall", "\"quoted\"",
		" padded ",
	};
	static const int32_t vats[] = { 0, 550, 1000, 2000 };
	unsigned k = byte(in), pt = byte(in);
	bool sale;

	memset(en, 0, sizeof *en);
	en->in_hours = in_hours;
	if (in_hours)
		en->kind = k % 4 == 0 ? KIND_VOID : KIND_HOURS;
	else
		en->kind = (enum kind)(k % 4); /* sale charge count void */
	row_id_format(en->id, kind_letter(en->kind), 1 + u16(in), NULL);
	en->date = day_2026(in);
	text(in, texts[0]);
	text(in, texts[1]);
	en->ref = texts[0];
	en->note = texts[1];
	if (en->kind == KIND_VOID && !*en->ref)
		en->ref = in_hours ? "H00001" : "S00001";
	en->product = en->category = "";
	if (pt % 4 || in_hours)
		snprintf(en->participant, sizeof en->participant, "P%03u",
		         1 + pt % 200);
	if (in_hours) {
		en->hours = 1 + u16(in) % 2400;
		return;
	}
	/* A void repeats a sale (quantity, price) or another row. */
	sale = en->kind == KIND_SALE || (en->kind == KIND_VOID && (k & 4));
	en->product = products[byte(in) % (sizeof products / sizeof *products -
	                                   (sale ? 1 : 0))];
	en->category = categories[byte(in) % (sizeof categories /
	                                      sizeof *categories)];
	en->payment = (enum payment)(byte(in) % (PAY_OTHER + 1));
	en->has_amount = true;
	if (sale) {
		en->quantity = 1 + byte(in) % 99;
		en->unit_price = u16(in);
		en->has_price = true;
		en->amount = en->quantity * en->unit_price;
	} else {
		en->amount = (int64_t)u16(in) << (byte(in) % 16);
	}
	if (en->kind != KIND_COUNT && (sale || (k & 8))) {
		en->has_vat = true;
		en->vat = vats[byte(in) % 4];
	}
}

static void one_entry(struct input *in)
{
	unsigned which = byte(in);
	bool in_hours = which % 4 == 0;
	const char *path = in_hours ? hours : ledger;
	const char *const *cols = in_hours ? hours_cols : ledger_cols;
	size_t ncols = in_hours ? nhours_cols : nledger_cols;
	static const char *const names[] = {
		"id", "date", "kind", "product", "quantity", "unit_price",
		"amount", "vat_rate", "vat_amount", "category", "payment",
		"participant", "hours", "ref", "note",
	};
	char texts[4][TEXT_LEN + 16];
	struct row_layout l;
	struct fc_error e = { 0, "" };
	struct header h;
	struct row en;
	struct buf row = { 0 };
	struct expect x = { &en, path, 0 };
	int rc;

	shuffle_header(in, &h, cols, ncols);
	/* hours.csv has an "hours" column of its own. */
	if (in_hours && position(&h, "hours") < 0)
		FAIL("hours.csv without its hours column");
	write_header(path, &h);
	memset(&l, 0xa5, sizeof l);
	if ((rc = rows_layout(dir, in_hours, &l, &e)) != 0) {
		show_file(path);
		FAIL("rows_layout refuses a header with every column: %d, %s",
		     rc, e.msg);
	}
	if (l.ncols != h.n)
		FAIL("rows_layout: %zu columns, the header has %zu", l.ncols,
		     h.n);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (l.cols.at[i] != position(&h, names[i])) {
			show_file(path);
			FAIL("rows_layout: column '%s' at %d, written at %d",
			     names[i], l.cols.at[i], position(&h, names[i]));
		}

	make_entry(in, in_hours, &en, texts);
	if (row_format(&row, &en, &l) != 0)
		FAIL("row_format failed on a valid %s", kind_name(en.kind));
	check_width(&row, &h, path);
	write_file(path, row.p, row.len, O_APPEND);
	rc = rows_read(dir, in_hours ? ROWS_HOURS : ROWS_LEDGER,
	                  on_entry, &x, &e);
	if (rc != 0) {
		show_file(path);
		FAIL("rows_read refuses the row row_format wrote: %d, %s",
		     rc, e.msg);
	}
	if (x.seen != 1)
		FAIL("%s: %zu entries read back, one written", path, x.seen);
	buf_free(&row);
}

/* ---- participants.csv ---- */

static const char *part_cols[PARTICIPANT_NCOLS];

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static void one_participant(struct input *in)
{
	const char *cols[PARTICIPANT_NCOLS];
	char texts[7][TEXT_LEN + 16], year[16];
	const char *values[PARTICIPANT_NCOLS];
	struct participants ps;
	struct participant p = { 0 }, *got;
	struct fc_error e = { 0, "" };
	struct header h;
	struct buf row = { 0 };
	unsigned opt = byte(in);
	size_t ncols = 0;
	bool absent_value = false;
	int rc;

	/* id, name, contract and enrolled always; the others or not. */
	for (size_t i = 0; i < PARTICIPANT_NCOLS; i++)
		if (i < 4 || opt & (1u << (i - 4)))
			cols[ncols++] = part_cols[i];
	shuffle_header(in, &h, cols, ncols);
	write_header(participants, &h);
	if ((rc = participants_load(dir, &ps, &e)) != 0) {
		show_file(participants);
		FAIL("participants_load refuses a header: %d, %s", rc, e.msg);
	}
	if (ps.n != 0 || ps.ncols != h.n)
		FAIL("participants_load: %zu rows, %zu columns; the header has "
		     "%zu", ps.n, ps.ncols, h.n);
	for (size_t i = 0; i < PARTICIPANT_NCOLS; i++)
		if (ps.col[i] != position(&h, part_cols[i]))
			FAIL("participants_load: column '%s' at %d, written at %d",
			     part_cols[i], ps.col[i], position(&h, part_cols[i]));

	snprintf(p.id, sizeof p.id, "P%03u", 1 + u16(in) % 999);
	for (size_t i = 0; i < 7; i++)
		text(in, texts[i]);
	/* A name and a contract are never empty. */
	p.name = *texts[0] ? texts[0] : "A";
	p.contract = *texts[1] ? texts[1] : "CAPE-1";
	p.gender = texts[2];
	p.status = texts[3];
	p.referrer = texts[4];
	p.note = texts[5];
	p.enrolled = day_2026(in);
	p.withdrawn = byte(in) % 2 ? p.enrolled + (int32_t)byte(in) : DATE_NONE;
	p.birth_year = byte(in) % 2 ? (int)(1900 + u16(in) % 8100) : 0;
	snprintf(year, sizeof year, "%d", p.birth_year);
	values[0] = p.id;
	values[1] = p.name;
	values[2] = p.contract;
	values[3] = "2026";
	values[4] = p.withdrawn != DATE_NONE ? "date" : "";
	values[5] = p.gender;
	values[6] = p.birth_year ? year : "";
	values[7] = p.status;
	values[8] = p.referrer;
	values[9] = p.note;
	/* The afterlife's fields are left unknown here (t0620 and
	 * test_participant take them). */
	p.exit_date = DATE_NONE;
	for (size_t i = 10; i < PARTICIPANT_NCOLS; i++)
		values[i] = "";
	for (size_t i = 0; i < PARTICIPANT_NCOLS; i++)
		absent_value |= ps.col[i] < 0 && *values[i];

	/* A value with no column to go in is not dropped: 1, nothing
	 * written (enroll then rewrites the file with the column). */
	rc = participant_format(&row, &p, &ps, &e);
	if (absent_value ? rc != 1 : rc != 0)
		FAIL("participant_format returned %d (%s) for a participant "
		     "%s a value with no column", rc, e.msg,
		     absent_value ? "with" : "without");
	if (absent_value) {
		if (row.len)
			FAIL("participant_format returned 1, yet wrote '%s'", row.p);
		if (ps.col[4] < 0)
			p.withdrawn = DATE_NONE;
		if (ps.col[5] < 0)
			p.gender = "";
		if (ps.col[6] < 0)
			p.birth_year = 0;
		if (ps.col[7] < 0)
			p.status = "";
		if (ps.col[8] < 0)
			p.referrer = "";
		if (ps.col[9] < 0)
			p.note = "";
		if ((rc = participant_format(&row, &p, &ps, &e)) != 0)
			FAIL("participant_format refused a participant with a "
			     "column for each value: %d, %s", rc, e.msg);
	}
	check_width(&row, &h, participants);
	write_file(participants, row.p, row.len, O_APPEND);
	participants_free(&ps);

	if ((rc = participants_load(dir, &ps, &e)) != 0) {
		show_file(participants);
		FAIL("participants_load refuses the row participant_format "
		     "wrote: %d, %s", rc, e.msg);
	}
	if (ps.n != 1)
		FAIL("participants_load: %zu participants, one written", ps.n);
	got = &ps.v[0];
	if (strcmp(got->id, p.id) || !same_text(got->name, p.name) ||
	    !same_text(got->contract, p.contract) ||
	    got->enrolled != p.enrolled || got->withdrawn != p.withdrawn ||
	    !same_text(got->gender, p.gender) ||
	    got->birth_year != p.birth_year ||
	    !same_text(got->status, p.status) ||
	    !same_text(got->referrer, p.referrer) ||
	    !same_text(got->note, p.note)) {
		show_file(participants);
		FAIL("participant read back differs: id %s/%s name '%s'/'%s' "
		     "contract '%s'/'%s' enrolled %d/%d withdrawn %d/%d gender "
		     "'%s'/'%s' birth %d/%d status '%s'/'%s' referrer '%s'/'%s' "
		     "note '%s'/'%s'", got->id, p.id, got->name, p.name,
		     got->contract, p.contract, got->enrolled, p.enrolled,
		     got->withdrawn, p.withdrawn, got->gender, p.gender,
		     got->birth_year, p.birth_year, got->status, p.status,
		     got->referrer, p.referrer, got->note, p.note);
	}
	participants_free(&ps);
	buf_free(&row);
}

/* ---- set up ---- */

static void cleanup(void)
{
	if (dir[0])
		test_rm_tree(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char lstore[256], hstore[256], pstore[256];
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof dir, "%s/fuzz-header.XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		perror(dir);
		exit(1);
	}
	atexit(cleanup);
	snprintf(ledger, sizeof ledger, "%s/%s", dir, PROJECT_LEDGER);
	snprintf(hours, sizeof hours, "%s/%s", dir, PROJECT_HOURS);
	snprintf(participants, sizeof participants, "%s/%s", dir,
	         PROJECT_PARTICIPANTS);
	nledger_cols = split_names(OLD_LEDGER_HEADER, lstore, sizeof lstore,
	                           ledger_cols, MAX_COLS);
	nhours_cols = split_names(OLD_HOURS_HEADER, hstore, sizeof hstore,
	                          hours_cols, MAX_COLS);
	if (split_names(PARTICIPANT_HEADER, pstore, sizeof pstore, part_cols,
	                PARTICIPANT_NCOLS) != PARTICIPANT_NCOLS)
		FAIL("PARTICIPANT_HEADER has not %d columns", PARTICIPANT_NCOLS);
	if (nledger_cols != 13 || nhours_cols != 7)
		FAIL("OLD_LEDGER_HEADER has %zu columns, OLD_HOURS_HEADER %zu",
		     nledger_cols, nhours_cols);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };

	one_entry(&in);
	one_participant(&in);
	return 0;
}
