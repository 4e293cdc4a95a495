/* flashcoop-close: the closing statement, and the seal. */
#include <getopt.h>
#include <stdio.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/statement.h"
#include "flashcoop/text.h"

static const char usage[] = N_(
	"usage: flashcoop-close [-C DIR] [--dry-run] [--date D] [--names]\n"
	"                       [--allow-uncounted] [--allow-unclosed]\n"
	"       flashcoop-close [-C DIR] --day [DATE]\n"
	"       flashcoop-close -h | --help | --version\n");

static const struct option opts[] = {
	{ "allow-uncounted", no_argument, NULL, 'a' },
	{ "allow-unclosed", no_argument, NULL, 'u' },
	{ "date", required_argument, NULL, 'd' },
	{ "day", optional_argument, NULL, 'D' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ "names", no_argument, NULL, 'N' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void show_problem(void *ctx, const char *problem, bool warning)
{
	(void)ctx;
	(void)warning; /* all on stderr */
	fprintf(stderr, "%s\n", problem);
}

/* --day [DATE]: one terminal's day closed, its Z's id on stdout. */
static int close_day(const char *dir, const char *arg)
{
	struct project p;
	struct fc_error e;
	char id[ID_SIZE], q[TEXT_QUOTE_SIZE];
	int32_t day = date_today();
	int rc;

	if (arg && date_parse(arg, &day) < 0)
		return cli_bad_value("--day '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(arg, q, sizeof q));
	if ((rc = cli_load_project(project_dir(dir), &p, &e)))
		return cli_report(&e);
	rc = days_close_run(&p, day, id, &e);
	project_free(&p);
	if (rc)
		return cli_report(&e);
	printf("%s\n", id);
	return cli_flush();
}

/* A share goes to no one who worked no hours: say so of each. */
static void warn_no_hours(const struct closing *c)
{
	for (size_t i = 0; i < c->npay; i++)
		if (c->pay[i].hours == 0 && c->distributable > 0)
			cli_warn("%s has no hours recorded: no share",
			         c->pay[i].who->id);
}

/* Gross pay an hour under the minimum: one warning naming them all (the
 * CAE decides; nothing is refused). */
static void warn_below_min(const struct project *p, const struct closing *c)
{
	char ids[1024] = "", m[MONEY_BUFSZ];
	size_t len = 0;

	for (size_t i = 0; i < c->npay && len < sizeof ids - 32; i++)
		if (c->pay[i].below_min)
			len += (size_t)snprintf(ids + len, sizeof ids - len, "%s%s",
			                        len ? ", " : "", c->pay[i].who->id);
	if (c->below_min)
		cli_warn("warning: gross pay an hour below min_hourly_gross (%s) "
		         "for %s: the CAE decides",
		         money_format(p->min_hourly_gross, m), ids);
}

/* The options, as given. */
struct args {
	const char *dir, *date, *day;
	bool day_given, dry_run, names;
	int flags;              /* CLOSE_* */
};

/* The options into a; *stop (with the status returned) for --help,
 * --version and a usage error. */
static int options(int argc, char **argv, struct args *a, bool *stop)
{
	char q[TEXT_QUOTE_SIZE];
	int ch;

	*stop = true;
	while ((ch = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a': a->flags |= CLOSE_ALLOW_UNCOUNTED; break;
		case 'u': a->flags |= CLOSE_ALLOW_UNCLOSED; break;
		case 'D': a->day_given = true; a->day = optarg; break;
		case 'C': a->dir = optarg; break;
		case 'd': a->date = optarg; break;
		case 'h': return cli_help(usage);
		case 'n': a->dry_run = true; a->flags |= CLOSE_DRY_RUN; break;
		case 'N': a->names = true; break;
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	/* --day DATE or --day=DATE: a date after --day is its value. */
	if (a->day_given && !a->day && optind < argc && argv[optind][0] != '-')
		a->day = argv[optind++];
	if (optind != argc)
		return cli_usage_error("unexpected '%s'",
		                       text_quote(argv[optind], q, sizeof q));
	if (a->day_given && (a->flags || a->date || a->names))
		return cli_usage_error("--day takes no other option");
	*stop = false;
	return FC_OK;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	int32_t date = date_today();
	struct participants ps;
	struct closing c;
	struct project p;
	struct fc_error e;
	char q[TEXT_QUOTE_SIZE];
	bool stop;
	int rc;

	cli_init(argc, argv);
	if ((rc = options(argc, argv, &a, &stop)) || stop)
		return rc;
	if (a.day_given)
		return close_day(a.dir, a.day);
	if (a.date && date_parse(a.date, &date) < 0)
		return cli_bad_value("--date '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(a.date, q, sizeof q));
	/* Not cli_load_project: closing_run() verifies the whole project,
	 * which gives the warnings of flashcoop.ini to show_problem with the
	 * others. */
	if ((rc = project_load(project_dir(a.dir), &p, &e)) ||
	    (rc = closing_run(&p, date, a.flags, show_problem, NULL, &c, &ps,
	                      &e))) {
		project_free(&p);
		return cli_report(&e);
	}
	warn_no_hours(&c);
	warn_below_min(&p, &c);
	rc = statement_write_text(stdout, &p, &c, date, a.dry_run, a.names, &e);
	if (rc)
		cli_report(&e);
	else
		rc = cli_flush();
	if (a.dry_run)
		cli_warn("dry run: nothing written, the project stays open");
	closing_free(&c);
	participants_free(&ps);
	project_free(&p);
	return rc;
}
