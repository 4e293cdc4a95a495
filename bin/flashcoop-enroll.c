/* flashcoop-enroll: enrol, update, withdraw, anonymise and list the
 * participants. */
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
	"usage: flashcoop-enroll [-C DIR] NAME --contract REF [--contract-type T] [--date D]\n"
	"                        [--gender G] [--birth-year Y] [--status S] [--referrer R]\n"
	"                        [--education L] [--qpv yes|no] [--disability yes|no] [--note T]\n"
	"       flashcoop-enroll [-C DIR] --update ID [--contract REF] [--contract-type T]\n"
	"                        [--gender G] [--birth-year Y] [--status S] [--referrer R]\n"
	"                        [--note T] [--education L] [--qpv yes|no] [--disability yes|no]\n"
	"                        [--exit-status S] [--exit-date D] [--status-6-months S]\n"
	"       flashcoop-enroll [-C DIR] --withdraw ID [--date D] [--reason R]\n"
	"       flashcoop-enroll [-C DIR] --anonymise ID\n"
	"       flashcoop-enroll [-C DIR] --list\n"
	"       flashcoop-enroll -h | --help | --version\n");

enum action { ENROLL, UPDATE, WITHDRAW, ANONYMISE, LIST };

struct args {
	enum action action;
	int nactions;             /* --update, --withdraw... given */
	const char *dir, *date, *id, *reason;
	const char *set[PARTICIPANT_NCOLS]; /* the fields given */
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

/* The action on the loaded project. */
static int act(struct args *a, const struct project *pr,
               struct participant *p, struct participants *ps, int32_t day,
               struct fc_error *e)
{
	switch (a->action) {
	case LIST: return enroll_read(pr, ps, e);
	case WITHDRAW: return enroll_withdraw(pr, a->id, day, a->reason, e);
	case UPDATE: return enroll_update(pr, a->id, a->set, day, e);
	case ANONYMISE: return enroll_anonymise(pr, a->id, day, e);
	default: p->enrolled = day; return enroll_add(pr, p, e);
	}
}

/* Do what was asked, then print. */
static int run(struct args *a, struct participant *p)
{
	struct project pr;
	struct participants ps;
	struct fc_error e;
	int32_t day = date_today();
	int rc;

	if (a->date && date_parse(a->date, &day) < 0)
		return cli_bad_value("--date '%s' is not a date (YYYY-MM-DD)",
		                     a->date);
	if ((rc = cli_load_project(project_dir(a->dir), &pr, &e)))
		return cli_report(&e);
	rc = act(a, &pr, p, &ps, day, &e);
	project_free(&pr);
	if (rc)
		return cli_report(&e);
	if (a->action == LIST) {
		rc = list(&ps);
		participants_free(&ps);
		return rc;
	}
	if (a->action == ENROLL)
		printf("%s\n", p->id);
	return cli_flush();
}

static const struct option opts[] = {
	{ "anonymise", required_argument, NULL, 'A' },
	{ "birth-year", required_argument, NULL, PC_BIRTH_YEAR },
	{ "contract", required_argument, NULL, PC_CONTRACT },
	{ "contract-type", required_argument, NULL, PC_CONTRACT_TYPE },
	{ "date", required_argument, NULL, 'd' },
	{ "disability", required_argument, NULL, PC_DISABILITY },
	{ "education", required_argument, NULL, PC_EDUCATION },
	{ "exit-date", required_argument, NULL, PC_EXIT_DATE },
	{ "exit-status", required_argument, NULL, PC_EXIT_STATUS },
	{ "gender", required_argument, NULL, PC_GENDER },
	{ "help", no_argument, NULL, 'h' },
	{ "list", no_argument, NULL, 'l' },
	{ "note", required_argument, NULL, PC_NOTE },
	{ "qpv", required_argument, NULL, PC_QPV },
	{ "reason", required_argument, NULL, 'R' },
	{ "referrer", required_argument, NULL, PC_REFERRER },
	{ "status", required_argument, NULL, PC_STATUS },
	{ "status-6-months", required_argument, NULL, PC_STATUS_6M },
	{ "update", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ "withdraw", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* An action's option: --update ID, --withdraw ID... */
static void action(struct args *a, enum action what, const char *id)
{
	a->action = what;
	a->id = id;
	a->nactions++;
}

/* The options into a; *stop (with the exit status returned) for --help,
 * --version and a usage error. */
static int options(int argc, char **argv, struct args *a, bool *stop)
{
	int c;

	*stop = true;
	while ((c = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		if (c >= 0 && c < PARTICIPANT_NCOLS) {
			a->set[c] = optarg;
			continue;
		}
		switch (c) {
		case 'A': action(a, ANONYMISE, optarg); break;
		case 'C': a->dir = optarg; break;
		case 'd': a->date = optarg; break;
		case 'h': return cli_help(usage);
		case 'l': action(a, LIST, NULL); break;
		case 'R': a->reason = optarg; break;
		case 'u': action(a, UPDATE, optarg); break;
		case 'V': return cli_version();
		case 'w': action(a, WITHDRAW, optarg); break;
		default: return cli_usage(usage);
		}
	}
	*stop = false;
	return FC_OK;
}

/* "--exit-status" for a column's option. */
static const char *option_of(int c)
{
	for (const struct option *o = opts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

/* Options of another form are refused, not ignored. */
static int forms(const struct args *a)
{
	bool any = false;

	for (int c = 0; c < PARTICIPANT_NCOLS; c++)
		any |= a->set[c] != NULL;
	if (a->nactions > 1)
		return cli_usage_error("one of --update, --withdraw, --anonymise "
		                       "and --list at a time");
	if (any && a->action != ENROLL && a->action != UPDATE)
		return cli_usage_error("the fields (--contract, --gender...) go "
		                       "with a NAME to enrol or with --update");
	if (a->action == UPDATE && !any)
		return cli_usage_error("--update %s: what to change? (--exit-status, "
		                       "--education...)", a->id);
	for (int c = PC_EXIT_STATUS; a->action == ENROLL && c <= PC_STATUS_6M;
	     c++)
		if (a->set[c])
			return cli_usage_error("--%s goes with --update: the "
			                       "outcomes come after the week",
			                       option_of(c));
	if (a->action != WITHDRAW && a->reason)
		return cli_usage_error("--reason goes with --withdraw");
	if (a->date && a->action != ENROLL && a->action != WITHDRAW)
		return cli_usage_error("--date goes with a NAME to enrol or with "
		                       "--withdraw");
	return FC_OK;
}

/* Each listed value in its list's spelling ("cape" -> "CAPE"). */
static int values(struct args *a)
{
	char q[TEXT_QUOTE_SIZE];

	for (int c = 0; c < PARTICIPANT_NCOLS; c++) {
		const char *v = a->set[c] ? participant_canonical(c, a->set[c]) :
		                NULL;
		if (a->set[c] && !v)
			return cli_bad_value("--%s '%s' is not one of: %s",
			                     option_of(c),
			                     text_quote(a->set[c], q, sizeof q),
			                     participant_values(c));
		a->set[c] = v;
	}
	return FC_OK;
}

/* The person to enrol: NAME, --contract, the checked values. */
static int person(int argc, char **argv, struct args *a, struct participant *p)
{
	struct fc_error e;

	if (argc > 1)
		return cli_usage_error("one NAME, please (quote it: "
		                       "\"Ada Lovelace\")");
	if (argc == 0)
		return cli_usage_error("whom to enrol? (NAME)");
	if (!a->set[PC_CONTRACT])
		return cli_usage_error("--contract is required: the contract "
		                       "signed with the CAE");
	p->gender = p->status = p->referrer = p->note = (char *)"";
	p->education = p->qpv = p->disability = (char *)"";
	p->exit_status = p->status_6m = (char *)"";
	p->contract_type = (char *)PARTICIPANT_DEFAULT_CONTRACT;
	p->withdrawn = p->exit_date = DATE_NONE;
	p->name = argv[0];
	if (a->set[PC_BIRTH_YEAR] && !*a->set[PC_BIRTH_YEAR])
		return cli_bad_value("--birth-year '' is not a year");
	for (int c = 0; c < PARTICIPANT_NCOLS; c++)
		if (a->set[c] && participant_set(p, c, a->set[c], &e))
			return cli_report(&e);
	return participant_check(p, &e) ? cli_report(&e) : FC_OK;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	struct participant p = { 0 };
	char q[TEXT_QUOTE_SIZE];
	bool stop;
	int rc;

	cli_init(argc, argv);
	if ((rc = options(argc, argv, &a, &stop)) || stop)
		return rc;
	argc -= optind;
	argv += optind;
	if (!a.reason && a.action == WITHDRAW)
		a.reason = "";
	if ((rc = forms(&a)) || (rc = values(&a)))
		return rc;
	if (a.action == ENROLL && (rc = person(argc, argv, &a, &p)))
		return rc;
	if (a.action != ENROLL && argc)
		return cli_usage_error("unexpected '%s'",
		                       text_quote(argv[0], q, sizeof q));
	return run(&a, &p);
}
