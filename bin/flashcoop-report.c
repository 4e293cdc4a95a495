/* flashcoop-report: what the administrator, the group and the funders ask
 * for, over one project or many. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flashcoop/bilan.h"
#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/closing.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/journal.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/groups.h"
#include "flashcoop/totals.h"

static const char usage[] = N_(
	"usage: flashcoop-report [-C DIR]\n"
	"                        [summary|sales|charges|hours|participants|funders|cash]\n"
	"                        [--by DIM[,DIM...]] [--format text|csv|json]\n"
	"                        [--from DATE] [--to DATE] [--names] [--keep-going]\n"
	"                        [DIR...]\n"
	"       flashcoop-report [-C DIR] entries [--format fec|ledger|hledger]\n"
	"                        [--detail] [--keep-going] [DIR...]\n"
	"       flashcoop-report [-C DIR] bilan [--format html] [-o FILE] [--names]\n"
	"                        [--keep-going] [DIR...]\n"
	"       flashcoop-report -h | --help | --version\n"
	"DIM: day, product, category, payment, participant, vat\n");

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

static int add_entries(void *ctx, const struct project *p, struct fc_error *e)
{
	return journal_write(ctx, p, e);
}

/* The journal entries (debit and credit) of every folder, FEC or ledger. */
static int entries(int argc, char **argv, const char *dir, const char *format,
                   bool detail, bool keep_going)
{
	struct journal_out j = { NULL, JOURNAL_FEC, detail, argc > 1, false };
	char q[TEXT_QUOTE_SIZE], *text = NULL;
	size_t len = 0, done;
	bool stop;
	int rc;

	if (format && strcmp(format, "fec") != 0) {
		if (strcmp(format, "ledger") && strcmp(format, "hledger"))
			return cli_usage_error("entries are written as fec, ledger "
			                       "or hledger, not '%s'",
			                       text_quote(format, q, sizeof q));
		j.format = JOURNAL_LEDGER;
	}
	/* Written to memory first: nothing is printed unless every folder
	 * (or, with --keep-going, some folder) could be. */
	if (!(j.out = open_memstream(&text, &len))) {
		cli_warn("out of memory");
		return FC_IOERR;
	}
	rc = each_folder(argc, argv, dir, keep_going, NULL, add_entries, &j,
	                 &done, &stop);
	if (fclose(j.out) != 0 && !stop) {
		cli_warn("out of memory");
		rc = FC_IOERR;
		stop = true;
	}
	if (!stop && done) {
		fwrite(text, 1, len, stdout);
		if (cli_flush())
			rc = FC_IOERR;
	}
	free(text);
	return rc;
}

static int add_bilan(void *ctx, const struct project *p, struct fc_error *e)
{
	return bilan_project(ctx, p, e);
}

/* The bilan, one HTML document: on stdout, or with -o in FILE through a
 * temp file and a rename, so that FILE is never half written. */
static int bilan(int argc, char **argv, const char *dir, const char *format,
                 const char *output, bool names, bool keep_going)
{
	struct bilan b;
	struct fc_error e;
	char *doc = NULL, q[TEXT_QUOTE_SIZE];
	size_t len = 0, done = 0;
	FILE *out = stdout;
	bool stop = true;
	int rc, failed = FC_OK;

	if (format && strcmp(format, "html") != 0)
		return cli_usage_error("the bilan is written as html, not '%s'",
		                       text_quote(format, q, sizeof q));
	if (output && !(out = open_memstream(&doc, &len)))
		return cli_report(&(struct fc_error){ FC_IOERR,
		                                      "out of memory" });
	rc = bilan_begin(&b, out, names, &e);
	if (!rc) {
		failed = each_folder(argc, argv, dir, keep_going, NULL, add_bilan,
		                     &b, &done, &stop);
		rc = stop ? failed : !done ? failed : bilan_end(&b, &e);
		stop = stop || !done;
	}
	bilan_free(&b);
	if (output) {
		if (fclose(out) != 0 && !rc)
			rc = fc_fail(&e, FC_IOERR, "out of memory");
		if (!rc && !stop)
			rc = store_replace(output, doc, len,
			                   names ? 0600 : 0644, &e);
		free(doc);
	}
	if (rc && rc != failed)
		return cli_report(&e);
	if (stop)
		return rc;
	return cli_flush() ? FC_IOERR : failed;
}

static int add_report(void *ctx, const struct project *p, struct fc_error *e)
{
	return report_project(ctx, p, e);
}

/* The reports of report.c, over every folder, with a total row. */
static int reports(int argc, char **argv, const char *dir,
                   const struct report_options *o, enum report_format fmt,
                   bool keep_going)
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
	rc = each_folder(argc, argv, dir, keep_going, &pr, add_report, &r,
	                 &done, &stop);
	if (stop || !done) {
		report_free(&r);
		return rc;
	}
	if (report_end(&r, &e)) {
		rc = cli_report(&e);
	} else if (report_write(stdout, &r, fmt) < 0) {
		cli_warn("cannot write the report: out of memory");
		rc = FC_IOERR;
	} else if (cli_flush()) {
		rc = FC_IOERR;
	}
	report_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "detail", no_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "names", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_options o = { REPORT_SUMMARY, 0, DATE_NONE, DATE_NONE,
	                            false };
	const char *dir = NULL, *by = NULL, *format = NULL;
	const char *output = NULL;
	bool detail = false;
	enum report_format fmt = FORMAT_TEXT;
	bool keep_going = false;
	char q[TEXT_QUOTE_SIZE];
	int c, rc;

	cli_init(argc, argv);
	while ((c = getopt_long(argc, argv, "C:ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'b': by = optarg; break;
		case 'C': dir = optarg; break;
		case 'D': detail = true; break;
		case 'f': format = optarg; break;
		case 'F':
			if (date_parse(optarg, &o.from) < 0)
				return cli_bad_value("--from '%s' is not a date",
				                     text_quote(optarg, q, sizeof q));
			break;
		case 'h': return cli_help(usage);
		case 'k': keep_going = true; break;
		case 'n': o.names = true; break;
		case 'o': output = optarg; break;
		case 'T':
			if (date_parse(optarg, &o.to) < 0)
				return cli_bad_value("--to '%s' is not a date",
				                     text_quote(optarg, q, sizeof q));
			break;
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc && strcmp(argv[0], "bilan") == 0) {
		if (by || detail || o.from != DATE_NONE || o.to != DATE_NONE)
			return cli_usage_error("bilan takes no --by, --detail, "
			                       "--from or --to");
		return bilan(argc - 1, argv + 1, dir, format, output, o.names,
		             keep_going);
	}
	if (output)
		return cli_usage_error("-o goes with bilan");
	if (argc && strcmp(argv[0], "entries") == 0) {
		if (by || o.names || o.from != DATE_NONE || o.to != DATE_NONE)
			return cli_usage_error("entries takes no --by, --names, "
			                       "--from or --to");
		return entries(argc - 1, argv + 1, dir, format, detail,
		               keep_going);
	}
	if (detail)
		return cli_usage_error("--detail goes with entries");
	if (format) {
		if ((rc = report_format_parse(format)) < 0)
			return cli_usage_error("--format is text, csv or json, not "
			                       "'%s'", text_quote(format, q, sizeof q));
		fmt = (enum report_format)rc;
	}
	if (argc && (rc = report_kind_parse(argv[0])) >= 0) {
		o.kind = (enum report_kind)rc;
		argc--;
		argv++;
	}
	if (by && parse_dims(by, report_dims_allowed(o.kind), &o.dims) < 0)
		return cli_usage_error("--by '%s' does not fit this report "
		                       "(see --help)", text_quote(by, q, sizeof q));
	return reports(argc, argv, dir, &o, fmt, keep_going);
}
