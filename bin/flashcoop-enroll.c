/* flashcoop-enroll: enrol, withdraw and list the participants. */
#include <getopt.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/date.h"
#include "flashcoop/enroll.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/text.h"

static const char usage[] = N_(
	"usage: flashcoop-enroll [-C DIR] NAME --contract REF [--date D] [--gender G]\n"
	"                        [--birth-year Y] [--status S] [--referrer R] [--note T]\n"
	"       flashcoop-enroll [-C DIR] --withdraw ID [--date D] [--reason R]\n"
	"       flashcoop-enroll [-C DIR] --list\n"
	"       flashcoop-enroll -h | --help | --version\n");

enum action { ENROLL, WITHDRAW, LIST };

struct args {
	enum action action;
	const char *dir, *date, *withdraw, *reason, *birth_year;
	struct participant p;
};

static int list(const struct participants *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		const struct participant *p = &ps->v[i];
		char en[DATE_BUFSZ], wd[DATE_BUFSZ] = "";
		if (p->withdrawn != DATE_NONE)
			date_format(p->withdrawn, wd);
		printf("%s\t%s\t%s\t%s\t%s\n", p->id, p->name, p->contract,
		       date_format(p->enrolled, en), wd);
	}
	return cli_flush();
}

/* Enrol, withdraw or list, then print. */
static int run(struct args *a)
{
	struct project pr;
	struct participants ps;
	struct fc_error e;
	int32_t day = date_today();
	int rc;

	if (a->date && date_parse(a->date, &day) < 0)
		return cli_bad_value("--date '%s' is not a date (YYYY-MM-DD)",
		                     a->date);
	a->p.enrolled = day;
	if ((rc = cli_load_project(project_dir(a->dir), &pr, &e)))
		return cli_report(&e);
	if (a->action == LIST)
		rc = enroll_read(&pr, &ps, &e);
	else if (a->action == WITHDRAW)
		rc = enroll_withdraw(&pr, a->withdraw, day, a->reason, &e);
	else
		rc = enroll_add(&pr, &a->p, &e);
	project_free(&pr);
	if (rc)
		return cli_report(&e);
	if (a->action == LIST) {
		rc = list(&ps);
		participants_free(&ps);
		return rc;
	}
	if (a->action == ENROLL)
		printf("%s\n", a->p.id);
	return cli_flush();
}

/* The options into a; *stop (with the exit status returned) for --help,
 * --version and a usage error. */
static int options(int argc, char **argv, struct args *a, bool *list_opt,
                   bool *stop)
{
	static const struct option opts[] = {
		{ "birth-year", required_argument, NULL, 'b' },
		{ "contract", required_argument, NULL, 'c' },
		{ "date", required_argument, NULL, 'd' },
		{ "gender", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "list", no_argument, NULL, 'l' },
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'R' },
		{ "referrer", required_argument, NULL, 'r' },
		{ "status", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ "withdraw", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct participant *p = &a->p;
	int c;

	*stop = true;
	while ((c = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': a->birth_year = optarg; break;
		case 'C': a->dir = optarg; break;
		case 'c': p->contract = optarg; break;
		case 'd': a->date = optarg; break;
		case 'g': p->gender = optarg; break;
		case 'h': return cli_help(usage);
		case 'l': *list_opt = true; break;
		case 'n': p->note = optarg; break;
		case 'R': a->reason = optarg; break;
		case 'r': p->referrer = optarg; break;
		case 's': p->status = optarg; break;
		case 'V': return cli_version();
		case 'w': a->withdraw = optarg; break;
		default: return cli_usage(usage);
		}
	}
	*stop = false;
	return FC_OK;
}

/* Options of another form are refused, not ignored. */
static int forms(const struct args *a)
{
	const struct participant *p = &a->p;

	if (a->action != ENROLL && (p->contract || a->birth_year ||
	                            *p->gender || *p->status || *p->referrer ||
	                            *p->note))
		return cli_usage_error("--contract, --gender, --birth-year, "
		                       "--status, --referrer and --note go with "
		                       "a NAME to enrol");
	if (a->action != WITHDRAW && *a->reason)
		return cli_usage_error("--reason goes with --withdraw");
	if (a->action == LIST && a->date)
		return cli_usage_error("--list takes no --date");
	return FC_OK;
}

/* The person to enrol: NAME, --contract, the checked values. */
static int person(int argc, char **argv, struct args *a)
{
	struct participant *p = &a->p;
	struct fc_error e;
	char q[TEXT_QUOTE_SIZE];

	if (argc > 1)
		return cli_usage_error("one NAME, please (quote it: "
		                       "\"Ada Lovelace\")");
	if (argc == 0)
		return cli_usage_error("whom to enrol? (NAME)");
	if (!p->contract)
		return cli_usage_error("--contract is required: the contract "
		                       "signed with the CAE");
	p->name = argv[0];
	if (a->birth_year) {
		char *end;
		long y = strtol(a->birth_year, &end, 10);
		if (*end || a->birth_year[0] < '0' || a->birth_year[0] > '9' ||
		    y < 1900 || y > 9999)
			return cli_bad_value("--birth-year '%s' is not a year",
			                     text_quote(a->birth_year, q, sizeof q));
		p->birth_year = (int)y;
	}
	return participant_check(p, &e) ? cli_report(&e) : FC_OK;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	bool list_opt = false, stop;
	char q[TEXT_QUOTE_SIZE];
	int rc;

	cli_init(argc, argv);
	a.p.gender = a.p.status = a.p.referrer = a.p.note = "";
	a.reason = "";
	a.p.withdrawn = DATE_NONE;
	if ((rc = options(argc, argv, &a, &list_opt, &stop)) || stop)
		return rc;
	argc -= optind;
	argv += optind;
	if (a.withdraw && list_opt)
		return cli_usage_error("--list and --withdraw do not go "
		                       "together");
	a.action = list_opt ? LIST : a.withdraw ? WITHDRAW : ENROLL;
	if ((rc = forms(&a)))
		return rc;
	if (a.action == ENROLL && (rc = person(argc, argv, &a)))
		return rc;
	if (a.action != ENROLL && argc)
		return cli_usage_error("unexpected '%s'",
		                       text_quote(argv[0], q, sizeof q));
	return run(&a);
}
