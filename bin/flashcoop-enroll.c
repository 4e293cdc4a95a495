/* flashcoop-enroll: enrol, withdraw and list the participants. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/date.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/record.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "flashcoop/verify.h"

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

static int enroll(const struct project *pr, struct args *a,
                  struct participants *ps, struct fc_error *e)
{
	struct participant *p = &a->p;
	char path[PATH_MAX];
	struct buf line = { 0 };
	int rc;

	if ((rc = participants_check_new(pr, ps, p, e)) ||
	    (rc = participants_next_id(ps, p->id, sizeof p->id, e)))
		return rc;
	if ((rc = participant_format(&line, p, ps, e)))
		return rc;
	if (project_path(pr->dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", pr->dir);
	else
		rc = store_append(path, line.p, line.len, e);
	buf_free(&line);
	if (rc)
		return rc;
	printf("%s\n", p->id);
	return fflush(stdout) ? fc_fail_errno(e, FC_IOERR, "cannot write to "
	                                      "standard output") : 0;
}

static int withdraw(const struct project *pr, struct args *a,
                    struct participants *ps, int32_t day, struct fc_error *e)
{
	int rc = participants_check_withdraw(pr, ps, a->withdraw, day, e);
	if (!rc)
		rc = record_check_withdrawal(pr, a->withdraw, day, e);
	return rc ? rc : participants_withdraw(pr->dir, a->withdraw, day,
	                                       a->reason, e);
}

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
	return fflush(stdout) ? FC_IOERR : FC_OK; /* run() names it */
}

static int run(struct args *a, struct fc_error *e)
{
	struct project pr;
	struct participants ps;
	struct store_lock lock = { -1 };
	int32_t day = date_today();
	int rc;

	if (a->date && date_parse(a->date, &day) < 0)
		return fc_fail(e, FC_DATAERR, "--date '%s' is not a date "
		               "(YYYY-MM-DD)", a->date);
	a->p.enrolled = day;
	if ((rc = cli_load_project(project_dir(a->dir), &pr, e)))
		return rc;
	rc = store_lock(pr.dir, a->action != LIST, &lock, e);
	if (!rc && a->action != LIST)
		rc = project_check_open(pr.dir, e);
	if (!rc)
		rc = a->action == LIST ? verify_read(pr.dir, &lock, NULL, NULL, e) :
		     verify_for_write(pr.dir, &lock, e);
	if (!rc)
		rc = participants_load(pr.dir, &ps, e);
	if (!rc) {
		if (a->action == LIST)
			rc = list(&ps);
		else if (a->action == WITHDRAW)
			rc = withdraw(&pr, a, &ps, day, e);
		else
			rc = enroll(&pr, a, &ps, e);
		if (rc == FC_IOERR && a->action == LIST)
			fc_fail_errno(e, FC_IOERR, "cannot write to standard "
			              "output");
		if (!rc && a->action != LIST)
			verify_noted(pr.dir, &lock);
		participants_free(&ps);
	}
	store_unlock(&lock);
	project_free(&pr);
	return rc;
}

int main(int argc, char **argv)
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
	struct args a = { 0 };
	struct participant *p = &a.p;
	struct fc_error e;
	bool list_opt = false;
	char q[TEXT_QUOTE_SIZE];
	int c, rc;

	cli_init(argc, argv);
	p->gender = p->status = p->referrer = p->note = "";
	a.reason = "";
	p->withdrawn = DATE_NONE;
	while ((c = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': a.birth_year = optarg; break;
		case 'C': a.dir = optarg; break;
		case 'c': p->contract = optarg; break;
		case 'd': a.date = optarg; break;
		case 'g': p->gender = optarg; break;
		case 'h': return cli_help(usage);
		case 'l': list_opt = true; break;
		case 'n': p->note = optarg; break;
		case 'R': a.reason = optarg; break;
		case 'r': p->referrer = optarg; break;
		case 's': p->status = optarg; break;
		case 'V': return cli_version();
		case 'w': a.withdraw = optarg; break;
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (a.withdraw && list_opt)
		return cli_usage_error("--list and --withdraw do not go "
		                       "together");
	a.action = list_opt ? LIST : a.withdraw ? WITHDRAW : ENROLL;
	/* Options of another form are refused, not ignored. */
	if (a.action != ENROLL && (p->contract || a.birth_year || *p->gender ||
	                           *p->status || *p->referrer || *p->note))
		return cli_usage_error("--contract, --gender, --birth-year, "
		                       "--status, --referrer and --note go with "
		                       "a NAME to enrol");
	if (a.action != WITHDRAW && *a.reason)
		return cli_usage_error("--reason goes with --withdraw");
	if (a.action == LIST && a.date)
		return cli_usage_error("--list takes no --date");
	if (a.action == ENROLL) {
		if (argc > 1)
			return cli_usage_error("one NAME, please (quote it: "
			                       "\"Ada Lovelace\")");
		if (argc == 0)
			return cli_usage_error("whom to enrol? (NAME)");
		if (!p->contract)
			return cli_usage_error("--contract is required: "
			                       "the contract signed with the CAE");
		p->name = argv[0];
		if (a.birth_year) {
			char *end;
			long y = strtol(a.birth_year, &end, 10);
			if (*end || a.birth_year[0] < '0' || a.birth_year[0] > '9' ||
			    y < 1900 || y > 9999)
				return cli_bad_value("--birth-year '%s' is not a "
				                     "year", text_quote(a.birth_year,
				                     q, sizeof q));
			p->birth_year = (int)y;
		}
		if ((rc = participant_check(p, &e)))
			return cli_report(&e);
	} else {
		if (argc)
			return cli_usage_error("unexpected '%s'",
			                       text_quote(argv[0], q, sizeof q));
		if (a.action == WITHDRAW && text_problem(a.reason))
			return cli_bad_value("--reason %s", text_problem(a.reason));
	}
	if ((rc = run(&a, &e)))
		return cli_report(&e);
	return FC_OK;
}
