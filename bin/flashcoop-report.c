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
#include "flashcoop/close.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/journal.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
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
		int d = dim_parse(t);
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

/* The journal entries (debit and credit) of every folder, FEC or ledger. */
static int entries(int argc, char **argv, const char *dir, const char *format,
                   bool detail, bool keep_going)
{
	struct journal_out j = { NULL, JOURNAL_FEC, detail, argc > 1, false };
	struct fc_error e;
	char q[80], *text = NULL;
	size_t len = 0, done = 0;
	bool failed = false;
	int rc = FC_OK;

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
	for (int i = 0; !rc && i < (argc ? argc : 1); i++) {
		const char *d = argc ? argv[i] : project_dir(dir);
		struct project p;
		rc = project_load(d, &p, &e);
		if (!rc) {
			rc = journal_write(&j, &p, &e);
			project_free(&p);
		}
		if (rc && keep_going && rc != FC_IOERR) {
			cli_report(&e);
			failed = true;
			rc = FC_OK;
			continue;
		}
		if (rc)
			rc = cli_report(&e);
		else
			done++;
	}
	if (fclose(j.out) != 0 && !rc) {
		cli_warn("out of memory");
		rc = FC_IOERR;
	}
	if (!rc && failed && !done) {
		cli_warn("no folder could be reported");
		rc = FC_NOINPUT;
	}
	if (!rc) {
		fwrite(text, 1, len, stdout);
		rc = cli_flush();
	}
	free(text);
	return rc;
}

/* The bilan, one HTML document: on stdout, or with -o in FILE through a
 * temp file and a rename, so that FILE is never half written. */
static int bilan(int argc, char **argv, const char *dir, const char *format,
                 const char *output, bool names, bool keep_going)
{
	struct bilan b;
	struct fc_error e;
	char *doc = NULL, q[80];
	size_t len = 0, done = 0;
	FILE *out = stdout;
	int rc;

	if (format && strcmp(format, "html") != 0)
		return cli_usage_error("the bilan is written as html, not '%s'",
		                       text_quote(format, q, sizeof q));
	if (output && !(out = open_memstream(&doc, &len)))
		return cli_report(&(struct fc_error){ FC_IOERR,
		                                      "out of memory" });
	rc = bilan_begin(&b, out, names, &e);
	for (int i = 0; !rc && i < (argc ? argc : 1); i++) {
		const char *d = argc ? argv[i] : project_dir(dir);
		struct project p;
		if (!(rc = project_load(d, &p, &e))) {
			rc = bilan_project(&b, &p, &e);
			project_free(&p);
		}
		done += !rc;
		if (rc && keep_going && rc != FC_IOERR) {
			cli_report(&e);
			rc = FC_OK;
		}
	}
	if (!rc && !done)
		rc = fc_fail(&e, FC_NOINPUT, "no folder could be reported");
	if (!rc)
		rc = bilan_end(&b, &e);
	bilan_free(&b);
	if (output) {
		if (fclose(out) != 0 && !rc)
			rc = fc_fail(&e, FC_IOERR, "out of memory");
		if (!rc)
			rc = store_replace(output, doc, len,
			                   names ? 0600 : 0644, &e);
		free(doc);
	}
	return rc ? cli_report(&e) : cli_flush();
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
	const char *dir = NULL, *by = NULL, *term = getenv("TERM"), *format = NULL;
	const char *output = NULL;
	bool detail = false;
	enum report_format fmt = FORMAT_TEXT;
	bool keep_going = false, failed = false;
	size_t nreported = 0;
	struct progress pr = { isatty(2) && !getenv("NO_COLOR") && term &&
	                       strcmp(term, "dumb") != 0, time(NULL), false };
	struct report r;
	struct fc_error e;
	char q[80];
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
	if (report_begin(&r, &o, &e))
		return cli_report(&e);
	for (int i = 0; i < (argc ? argc : 1); i++) {
		const char *d = argc ? argv[i] : project_dir(dir);
		struct project p;

		progress(&pr, (size_t)i, (size_t)(argc ? argc : 1), d);
		rc = project_load(d, &p, &e);
		if (!rc) {
			rc = report_project(&r, &p, &e);
			project_free(&p);
			nreported += !rc;
		}
		/* --keep-going passes over a folder that is no project, has a
		 * bad file or is busy; not over a failing disk. */
		if (rc && keep_going && rc != FC_IOERR) {
			if (pr.shown)
				fputs("\r\033[K", stderr);
			cli_report(&e);
			failed = true;
			continue;
		}
		if (rc) {
			if (pr.shown)
				fputc('\n', stderr);
			report_free(&r);
			return cli_report(&e);
		}
	}
	if (pr.shown)
		fputs("\r\033[K", stderr);
	if (failed && nreported == 0) {
		report_free(&r);
		cli_warn("no folder could be reported");
		return FC_NOINPUT;
	}
	rc = report_end(&r, &e) ? cli_report(&e) : FC_OK;
	if (!rc && report_write(stdout, &r, fmt) < 0) {
		cli_warn("cannot write the report: out of memory");
		rc = FC_IOERR;
	} else if (!rc) {
		rc = cli_flush();
	}
	report_free(&r);
	return rc;
}
