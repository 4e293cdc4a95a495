/* flashcoop-report: what the administrator, the group and the funders ask
 * for, over one project or many. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flashcoop/attestation.h"
#include "flashcoop/bilan.h"
#include "flashcoop/books.h"
#include "flashcoop/cli.h"
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/i18n.h"
#include "flashcoop/journal.h"
#include "flashcoop/labels.h"
#include "flashcoop/pager.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/workbook.h"
#include "flashcoop/write.h"

static const char usage[] = N_(
	"usage: flashcoop-report [-C DIR]\n"
	"                        [summary|sales|charges|hours|participants|funders|payroll|\n"
	"                        cash|z|balance|general-ledger|income|stock]\n"
	"                        [--with-closing]\n"
	"                        [--by DIM[,DIM...]] [--format text|csv|json|xlsx]\n"
	"                        [-o FILE]\n"
	"                        [--csv-dialect rfc4180|excel-fr]\n"
	"                        [--from DATE] [--to DATE] [--names] [--keep-going]\n"
	"                        [DIR...]\n"
	"       flashcoop-report [-C DIR] entries\n"
	"                        [--format fec|ledger|hledger|csv|xlsx]\n"
	"                        [--detail] [--with-closing] [--keep-going] [DIR...]\n"
	"       flashcoop-report [-C DIR] bilan [--format html] [-o FILE] [--names]\n"
	"                        [--keep-going] [DIR...]\n"
	"       flashcoop-report [-C DIR] attestation [--participant ID]\n"
	"                        [--format html|text] [-o FILE] [--keep-going] [DIR...]\n"
	"       flashcoop-report [-C DIR] workbook [--format xlsx] [-o FILE] [--names]\n"
	"                        [DIR]\n"
	"       flashcoop-report [-C DIR] labels --lot ID [--format html] [-o FILE]\n"
	"                        [DIR]\n"
	"       flashcoop-report [-C DIR] trace --lot ID|--charge ID\n"
	"                        [--format text|csv|json|xlsx] [-o FILE] [DIR...]\n"
	"       flashcoop-report -h | --help | --version\n"
	"DIM: day, product, category, payment, participant, vat, role, lot\n");

static const struct option opts[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "charge", required_argument, NULL, 'G' },
	{ "csv-dialect", required_argument, NULL, 'X' },
	{ "detail", no_argument, NULL, 'D' },
	{ "format", required_argument, NULL, 'f' },
	{ "from", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ "keep-going", no_argument, NULL, 'k' },
	{ "lot", required_argument, NULL, 'L' },
	{ "names", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "participant", required_argument, NULL, 'P' },
	{ "to", required_argument, NULL, 'T' },
	{ "version", no_argument, NULL, 'V' },
	{ "with-closing", no_argument, NULL, 'W' },
	{ NULL, 0, NULL, 0 }
};

/* The options, as given. */
struct args {
	const char *dir, *by, *format, *output, *participant, *dialect, *lot;
	const char *charge;
	int32_t from, to;         /* DATE_NONE when not given */
	bool detail, names, keep_going, with_closing;
};

static int parse_dims(const char *s, unsigned allowed, unsigned *dims)
{
	char *copy = strdup(s), *save = NULL;
	int rc = 0;

	if (!copy)
		return -1;
	for (char *t = strtok_r(copy, ",", &save); t && !rc;
	     t = strtok_r(NULL, ",", &save)) {
		int d = groups_dim_parse(t);
		if (d < 0 || !(allowed & (1u << d)))
			rc = -1;
		else
			*dims |= 1u << d;
	}
	free(copy);
	return rc || !*dims ? -1 : 0;
}

/* A progress line for a person at a terminal, past the first second. */
struct progress {
	bool on;
	time_t start;
	bool shown;
};

static void progress(struct progress *pr, size_t i, size_t n, const char *dir)
{
	if (!pr->on || time(NULL) - pr->start < 1)
		return;
	fprintf(stderr, "\r%s: %zu/%zu %-40.40s", cli_prog, i + 1, n, dir);
	pr->shown = true;
}

/* What each folder is given to. */
typedef int (*folder_fn)(void *ctx, const struct project *p,
                         struct fc_error *e);

/* The folders named (the -C one when none is), each loaded and given to
 * fn.  Without keep_going the first failure stops it: its code.  With it,
 * a folder that fails (not a project, bad data, busy; not a failing disk)
 * is named and passed over; the others go on, and the result is the code
 * of the first that failed, so that a script knows.  *done counts the
 * folders that worked; *stop says whether nothing may be printed. */
static int each_folder(int argc, char **argv, const char *dir,
                       bool keep_going, struct progress *pr, folder_fn fn,
                       void *ctx, size_t *done, bool *stop)
{
	int failed = FC_OK;

	*done = 0;
	*stop = false;
	for (int i = 0; i < (argc ? argc : 1); i++) {
		const char *d = argc ? argv[i] : project_dir(dir);
		struct fc_error e;
		struct project p;
		int rc;

		if (pr)
			progress(pr, (size_t)i, (size_t)(argc ? argc : 1), d);
		if (!(rc = cli_load_project(d, &p, &e))) {
			rc = fn(ctx, &p, &e);
			project_free(&p);
		}
		if (!rc) {
			(*done)++;
			continue;
		}
		if (pr && pr->shown)
			fputs(keep_going && rc != FC_IOERR ? "\r\033[K" : "\n",
			      stderr);
		cli_report(&e);
		if (!keep_going || rc == FC_IOERR) {
			*stop = true;
			return rc;
		}
		if (!failed)
			failed = rc;
	}
	if (pr && pr->shown)
		fputs("\r\033[K", stderr);
	if (failed && !*done)
		cli_warn("no folder could be reported");
	return failed;
}

/* What a report writes to out: 0, -1 when out of memory, or the exit
 * code of a failure it said. */
typedef int (*writer_fn)(FILE *out, void *ctx);

/* Columns of a terminal a text report fits in, or it says how to get
 * the figures for a spreadsheet. */
#define TERMINAL_COLUMNS 80

/* The widest line of doc, in characters. */
static size_t widest(const char *doc, size_t len)
{
	size_t w = 0, n = 0;

	for (size_t i = 0; i < len; i++) {
		if (doc[i] == '\n')
			n = 0;
		else if (((unsigned char)doc[i] & 0xc0) != 0x80 && ++n > w)
			w = n;
	}
	return w;
}

/* Text for a person at a terminal: a word when it is wider than the
 * terminal's 80 columns, then through the pager. */
static int to_terminal(const char *doc, size_t len)
{
	size_t w = widest(doc, len);
	int rc;

	if (w > TERMINAL_COLUMNS)
		cli_warn("these lines are %zu columns wide: --format csv (or "
		         "--format xlsx -o FILE) gives the same figures for a "
		         "spreadsheet", w);
	pager_start();
	fwrite(doc, 1, len, stdout);
	rc = cli_flush();
	pager_end();
	return rc;
}

/* Write with fn: to stdout, or with -o to FILE through a temp file and a
 * rename, never half written (nor written when fn sets *stop), 0600 when
 * it carries names.  Text for a terminal (text) goes through to_terminal.
 * 0, or the exit status of a failure (said). */
static int write_out(const char *output, bool names, bool text, writer_fn fn,
                     void *ctx, const bool *stop)
{
	bool tty = text && !output && isatty(1);
	struct fc_error e;
	char *doc = NULL;
	size_t len = 0;
	FILE *out = output || stop || tty ? open_memstream(&doc, &len) : stdout;
	int rc = 0;

	if (!out)
		return cli_report(&(struct fc_error){ FC_IOERR, "out of memory" });
	if ((rc = fn(out, ctx)) < 0) {
		cli_warn("cannot write the report: out of memory");
		rc = FC_IOERR;
	}
	if (out == stdout)
		return rc ? rc : cli_flush() ? FC_IOERR : 0;
	if (fclose(out) != 0 && !rc) {
		cli_warn("cannot write the report: out of memory");
		rc = FC_IOERR;
	}
	if (!rc && !(stop && *stop) && !output && tty) {
		rc = to_terminal(doc, len);
	} else if (!rc && !(stop && *stop) && !output) {
		fwrite(doc, 1, len, stdout);
		rc = cli_flush() ? FC_IOERR : 0;
	} else if (!rc && !(stop && *stop) &&
	           store_replace(output, doc, len, names ? 0600 : 0644, &e)) {
		rc = cli_report(&e);
	}
	free(doc);
	return rc;
}

struct table_out {
	const struct report *r;
	enum report_format f;
};

static int write_table(FILE *out, void *ctx)
{
	const struct table_out *t = ctx;
	struct fc_error e;
	return report_write(out, t->r, t->f, &e) ? cli_report(&e) : 0;
}

struct journal_out {
	enum journal_format f;
	const struct books *b;
	bool many, xlsx;
};

/* The projects' one currency, or "" (an amount's format in a sheet). */
static const char *currency(const struct books *b)
{
	for (size_t i = 1; i < b->nproj; i++)
		if (strcmp(b->proj[i].currency, b->proj[0].currency) != 0)
			return "";
	return b->nproj ? b->proj[0].currency : "";
}

static int write_journal(FILE *out, void *ctx)
{
	const struct journal_out *j = ctx;
	struct fc_error e;
	struct grid g;
	int rc;

	if (!j->xlsx)
		return journal_print(out, j->f, j->b, j->many);
	if (journal_grid(&g, j->b, j->many) < 0)
		return -1;
	rc = write_xlsx(out, "entries", &g, currency(j->b), &e);
	grid_free(&g);
	return rc ? cli_report(&e) : 0;
}

struct entries_ctx {
	struct books b;
	unsigned flags;
};

static int add_entries(void *ctx, const struct project *p, struct fc_error *e)
{
	struct entries_ctx *c = ctx;
	return books_add(&c->b, p, c->flags, e);
}

/* The journal entries (debit and credit) of every folder: FEC, ledger or
 * CSV. */
static int entries(int argc, char **argv, const struct args *a)
{
	struct entries_ctx c = { { 0 }, (a->detail ? BOOKS_DETAIL : 0) |
	                         (a->with_closing ? BOOKS_WITH_CLOSING : 0) };
	enum journal_format f = JOURNAL_FEC;
	struct fc_error e;
	size_t done;
	bool stop;
	int rc;

	if (a->format && strcmp(a->format, "csv") == 0)
		f = JOURNAL_CSV;
	else if (a->format && strcmp(a->format, "fec") != 0)
		f = JOURNAL_LEDGER;
	/* Every folder read first: nothing is printed unless every folder
	 * (or, with --keep-going, some folder) could be. */
	rc = each_folder(argc, argv, a->dir, a->keep_going, NULL, add_entries,
	                 &c, &done, &stop);
	if (!stop && done) {
		int frc = books_finish(&c.b, &e);
		if (frc) {
			books_free(&c.b);
			return cli_report(&e);
		}
		struct journal_out j = { f, &c.b, argc > 1, a->format &&
		                         strcmp(a->format, "xlsx") == 0 };
		int wrc = write_out(a->output, false, f == JOURNAL_LEDGER &&
		                    !j.xlsx, write_journal, &j, NULL);
		rc = wrc ? wrc : rc;
	}
	books_free(&c.b);
	return rc;
}

static int add_bilan(void *ctx, const struct project *p, struct fc_error *e)
{
	return bilan_project(ctx, p, e);
}

/* The bilan, one HTML document: on stdout, or with -o in FILE through a
 * temp file and a rename, so that FILE is never half written. */
static int bilan(int argc, char **argv, const struct args *a)
{
	struct bilan b;
	struct fc_error e;
	char *doc = NULL;
	size_t len = 0, done = 0;
	FILE *out = stdout;
	bool stop = true;
	int rc, failed = FC_OK;

	if (a->output && !(out = open_memstream(&doc, &len)))
		return cli_report(&(struct fc_error){ FC_IOERR,
		                                      "out of memory" });
	rc = bilan_begin(&b, out, a->names, &e);
	if (!rc) {
		failed = each_folder(argc, argv, a->dir, a->keep_going, NULL,
		                     add_bilan, &b, &done, &stop);
		rc = stop ? failed : !done ? failed : bilan_end(&b, &e);
		stop = stop || !done;
	}
	bilan_free(&b);
	if (a->output) {
		if (fclose(out) != 0 && !rc)
			rc = fc_fail(&e, FC_IOERR, "out of memory");
		if (!rc && !stop)
			rc = store_replace(a->output, doc, len,
			                   a->names ? 0600 : 0644, &e);
		free(doc);
	}
	if (rc && rc != failed)
		return cli_report(&e);
	if (stop)
		return rc;
	return cli_flush() ? FC_IOERR : failed;
}

static int add_attestation(void *ctx, const struct project *p,
                           struct fc_error *e)
{
	return attestation_project(ctx, p, e);
}

struct attestation_out {
	int argc;
	char **argv;
	const struct args *a;
	int failed;
	bool stop;
};

static int write_attestations(FILE *out, void *ctx)
{
	struct attestation_out *o = ctx;
	struct attestation at;
	size_t done;

	attestation_begin(&at, out, !o->a->format ||
	                  strcmp(o->a->format, "html") == 0, o->a->participant);
	o->failed = each_folder(o->argc, o->argv, o->a->dir, o->a->keep_going,
	                        NULL, add_attestation, &at, &done, &o->stop);
	o->stop = o->stop || !done;
	return attestation_end(&at);
}

/* The attestations, a page per participant: HTML or text, on stdout or
 * in FILE (0600: they carry names). */
static int attestation(int argc, char **argv, const struct args *a)
{
	struct attestation_out o = { argc, argv, a, 0, false };
	int rc;

	if (a->participant && argc > 1)
		return cli_usage_error("--participant names one participant of "
		                       "one folder");
	rc = write_out(a->output, true, a->format &&
	               strcmp(a->format, "text") == 0, write_attestations, &o,
	               &o.stop);
	return o.stop ? o.failed : rc ? rc : o.failed;
}

/* A document of one project (the workbook, the labels): made by make()
 * into the stream write_out gives, through the one folder. */
struct doc_out {
	int argc;
	char **argv;
	const struct args *a;
	int (*make)(FILE *out, const struct project *p, const struct args *a,
	            struct fc_error *e);
	FILE *out;
	int failed;
	bool stop;
};

static int add_doc(void *ctx, const struct project *p, struct fc_error *e)
{
	struct doc_out *o = ctx;
	return o->make(o->out, p, o->a, e);
}

static int write_doc(FILE *out, void *ctx)
{
	struct doc_out *o = ctx;
	size_t done;

	o->out = out;
	o->failed = each_folder(o->argc, o->argv, o->a->dir, false, NULL,
	                        add_doc, o, &done, &o->stop);
	o->stop = o->stop || !done;
	return 0;
}

/* The document made by make from the one folder: FILE 0600 when names. */
static int one_doc(int argc, char **argv, const struct args *a, bool names,
                   int (*make)(FILE *, const struct project *,
                               const struct args *, struct fc_error *))
{
	struct doc_out o = { argc, argv, a, make, NULL, 0, false };
	int rc = write_out(a->output, names, false, write_doc, &o, &o.stop);
	return o.stop ? o.failed : rc ? rc : o.failed;
}

static int make_workbook(FILE *out, const struct project *p,
                         const struct args *a, struct fc_error *e)
{
	return workbook_write(out, p, a->names, e);
}

/* The workbook of one project: every report, a sheet each (0600: the
 * payroll's names). */
static int workbook(int argc, char **argv, const struct args *a)
{
	return one_doc(argc, argv, a, true, make_workbook);
}

static int make_labels(FILE *out, const struct project *p,
                       const struct args *a, struct fc_error *e)
{
	return labels_write(out, p, a->lot, e);
}

/* A lot's sheet of food labels, one HTML page to print. */
static int labels(int argc, char **argv, const struct args *a)
{
	if (!a->lot)
		return cli_usage_error("labels need --lot ID (the lot's id, "
		                       "like L00001)");
	return one_doc(argc, argv, a, false, make_labels);
}

static int add_report(void *ctx, const struct project *p, struct fc_error *e)
{
	return report_project(ctx, p, e);
}

/* A report of the table, over every folder, with a total row. */
static int run_table(int argc, char **argv, const struct args *a,
                     const struct report_options *o, enum report_format fmt)
{
	const char *term = getenv("TERM");
	struct progress pr = { isatty(2) && !getenv("NO_COLOR") && term &&
	                       strcmp(term, "dumb") != 0, time(NULL), false };
	struct report r;
	struct fc_error e;
	size_t done;
	bool stop;
	int rc;

	if (report_begin(&r, o, &e))
		return cli_report(&e);
	rc = each_folder(argc, argv, a->dir, a->keep_going, &pr, add_report, &r,
	                 &done, &stop);
	if (stop || !done) {
		report_free(&r);
		return rc;
	}
	if (report_end(&r, &e)) {
		rc = cli_report(&e);
	} else {
		int wrc = write_out(a->output, o->names || o->def->names,
		                    fmt == FORMAT_TEXT, write_table,
		                    &(struct table_out){ &r, fmt }, NULL);
		rc = wrc ? wrc : rc;
	}
	report_free(&r);
	return rc;
}

/* --csv-dialect: RFC 4180 (the default, for scripts), or the CSV that
 * French Excel opens right from the file manager. */
static int dialect(const struct args *a, int *fmt)
{
	char q[TEXT_QUOTE_SIZE];

	if (a->format && strcmp(a->format, "csv") != 0)
		return cli_usage_error("--csv-dialect goes with --format csv");
	if (strcmp(a->dialect, "rfc4180") == 0)
		*fmt = FORMAT_CSV;
	else if (strcmp(a->dialect, "excel-fr") == 0)
		*fmt = FORMAT_CSV_EXCEL_FR;
	else
		return cli_usage_error("--csv-dialect is rfc4180 or excel-fr, "
		                       "not '%s'",
		                       text_quote(a->dialect, q, sizeof q));
	return FC_OK;
}

/* The options a report of the table takes, then the report. */
static int table(int argc, char **argv, const struct report_def *def,
                 const struct args *a)
{
	struct report_options o = { def, 0, a->from, a->to, a->names,
	                            a->with_closing, false, a->lot, a->charge };
	char q[TEXT_QUOTE_SIZE];
	int fmt = FORMAT_TEXT, rc;

	if (a->detail)
		return cli_usage_error("--detail goes with entries");
	if (def->whole && (a->from != DATE_NONE || a->to != DATE_NONE))
		return cli_usage_error("%s takes no --from or --to (pay is the "
		                       "whole period's)", def->name);
	if (a->with_closing && !def->books)
		return cli_usage_error("--with-closing goes with entries, "
		                       "balance, general-ledger and income");
	if (def->books && (a->from != DATE_NONE || a->to != DATE_NONE ||
	                   a->names || a->by))
		return cli_usage_error("balance, general-ledger and income take "
		                       "no --by, --from, --to or --names (the "
		                       "books are the whole project's)");
	if (a->format && (!reports_takes_format(def, a->format) ||
	                  (fmt = report_format_parse(a->format)) < 0))
		return cli_usage_error("--format is text, csv, json or xlsx, "
		                       "not '%s'",
		                       text_quote(a->format, q, sizeof q));
	if (a->dialect && (rc = dialect(a, &fmt)))
		return rc;
	if (a->by && parse_dims(a->by, def->dims, &o.dims) < 0)
		return cli_usage_error("--by '%s' does not fit this report "
		                       "(see --help)",
		                       text_quote(a->by, q, sizeof q));
	/* One project in text: summary is the statement a person reads. */
	o.statement = def->statement && fmt == FORMAT_TEXT && argc <= 1;
	return run_table(argc, argv, a, &o, (enum report_format)fmt);
}

/* The options a form of report other than the table's has no use for,
 * and whether it is of one folder only. */
enum { NO_BY = 1, NO_DETAIL = 2, NO_CLOSING = 4, NO_KEEP_GOING = 8,
       NO_NAMES = 16, NO_DATES = 32, ONE_FOLDER = 64 };
static const struct form {
	enum report_shape shape;
	unsigned refused;
} form_rules[] = {
	{ REPORT_JOURNAL, NO_BY | NO_NAMES | NO_DATES },
	{ REPORT_BILAN, NO_BY | NO_DETAIL | NO_CLOSING | NO_DATES },
	{ REPORT_ATTESTATION, NO_BY | NO_DETAIL | NO_CLOSING | NO_NAMES |
	  NO_DATES },
	{ REPORT_WORKBOOK, NO_BY | NO_DETAIL | NO_CLOSING | NO_KEEP_GOING |
	  NO_DATES | ONE_FOLDER },
	{ REPORT_LABELS, NO_BY | NO_DETAIL | NO_CLOSING | NO_KEEP_GOING |
	  NO_NAMES | NO_DATES | ONE_FOLDER },
};

/* The options given that f refuses: the first's name, or NULL. */
static const char *refused_option(const struct form *f, const struct args *a)
{
	const struct { unsigned bit; bool given; const char *name; } o[] = {
		{ NO_BY, a->by != NULL, "--by" },
		{ NO_DETAIL, a->detail, "--detail" },
		{ NO_CLOSING, a->with_closing, "--with-closing" },
		{ NO_KEEP_GOING, a->keep_going, "--keep-going" },
		{ NO_NAMES, a->names, "--names" },
		{ NO_DATES, a->from != DATE_NONE, "--from" },
		{ NO_DATES, a->to != DATE_NONE, "--to" },
	};
	for (size_t i = 0; i < sizeof o / sizeof *o; i++)
		if ((f->refused & o[i].bit) && o[i].given)
			return o[i].name;
	return NULL;
}

/* A report of another form than the table's: the options it takes, its
 * formats (def->formats), its folders. */
static int form_check(const struct report_def *def, const struct args *a,
                      int argc)
{
	char q[TEXT_QUOTE_SIZE], formats[128];
	const char *opt;

	for (size_t i = 0; i < sizeof form_rules / sizeof *form_rules; i++) {
		const struct form *f = &form_rules[i];
		if (f->shape != def->shape)
			continue;
		if ((opt = refused_option(f, a)))
			return cli_usage_error("%s does not go with %s", opt,
			                       def->name);
		if ((f->refused & ONE_FOLDER) && argc > 1)
			return cli_usage_error("%s: one folder only (it is of one "
			                       "project)", def->name);
	}
	if (def->shape == REPORT_TABLE || !a->format ||
	    reports_takes_format(def, a->format))
		return FC_OK;
	snprintf(formats, sizeof formats, "%s", def->formats);
	for (char *c = formats; (c = strchr(c, ' ')); )
		*c = '/';
	return cli_usage_error("%s: --format is %s, not '%s'", def->name,
	                       formats, text_quote(a->format, q, sizeof q));
}

/* Options of one form of report only: refused with the others. */
static int forms(const struct report_def *def, const struct args *a,
                 int argc)
{
	char q[TEXT_QUOTE_SIZE];
	int rc;

	if ((rc = form_check(def, a, argc)))
		return rc;

	if (a->dialect && def->shape != REPORT_TABLE)
		return cli_usage_error("--csv-dialect goes with the reports of "
		                       "the first form");
	if (a->output && project_owns(a->output))
		return cli_bad_value("-o '%s' is a file of a project: a report "
		                     "never replaces it",
		                     text_quote(a->output, q, sizeof q));
	if (a->participant && def->shape != REPORT_ATTESTATION)
		return cli_usage_error("--participant goes with attestation");
	if (a->lot && def->shape != REPORT_LABELS && !def->traced)
		return cli_usage_error("--lot goes with labels and trace");
	if (a->charge && !def->traced)
		return cli_usage_error("--charge goes with trace");
	if (def->traced && !a->lot == !a->charge)
		return cli_usage_error("trace follows one lot (--lot ID) or one "
		                       "charge (--charge ID)");
	if (((a->format && strcmp(a->format, "xlsx") == 0) ||
	     def->shape == REPORT_WORKBOOK) && !a->output && isatty(1))
		return cli_usage_error("a spreadsheet is not for a terminal: "
		                       "-o FILE.xlsx, or a redirection");
	return FC_OK;
}

int main(int argc, char **argv)
{
	struct args a = { .from = DATE_NONE, .to = DATE_NONE };
	const struct report_def *def = NULL;
	char q[TEXT_QUOTE_SIZE];
	int c;

	cli_init(argc, argv);
	while ((c = getopt_long(argc, argv, "C:ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'b': a.by = optarg; break;
		case 'C': a.dir = optarg; break;
		case 'D': a.detail = true; break;
		case 'f': a.format = optarg; break;
		case 'F':
			if (date_parse(optarg, &a.from) < 0)
				return cli_bad_value("--from '%s' is not a date",
				                     text_quote(optarg, q, sizeof q));
			break;
		case 'h': return cli_help(usage);
		case 'k': a.keep_going = true; break;
		case 'L': a.lot = optarg; break;
		case 'G': a.charge = optarg; break;
		case 'n': a.names = true; break;
		case 'o': a.output = optarg; break;
		case 'P': a.participant = optarg; break;
		case 'X': a.dialect = optarg; break;
		case 'T':
			if (date_parse(optarg, &a.to) < 0)
				return cli_bad_value("--to '%s' is not a date",
				                     text_quote(optarg, q, sizeof q));
			break;
		case 'V': return cli_version();
		case 'W': a.with_closing = true; break;
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	/* The first operand names the report, or is a folder. */
	if (argc && (def = reports_find(argv[0]))) {
		argc--;
		argv++;
	}
	if (!def)
		def = &reports[0];
	if ((c = forms(def, &a, argc)))
		return c;
	switch (def->shape) {
	case REPORT_JOURNAL: return entries(argc, argv, &a);
	case REPORT_BILAN: return bilan(argc, argv, &a);
	case REPORT_ATTESTATION: return attestation(argc, argv, &a);
	case REPORT_WORKBOOK: return workbook(argc, argv, &a);
	case REPORT_LABELS: return labels(argc, argv, &a);
	default: return table(argc, argv, def, &a);
	}
}
