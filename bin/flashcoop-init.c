/* flashcoop-init: create a Flashcoop project folder. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/init.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/text.h"

static const char usage[] = N_(
	"usage: flashcoop-init DIR --name N --start DATE [--end DATE | --days N]\n"
	"                      [--id ID] [--activity A] [--host H] [--event E]\n"
	"                      [--terminal NAME]\n"
	"       flashcoop-init [-C DIR] --terminal NAME\n"
	"       flashcoop-init [-C DIR] --chain [--terminal NAME]\n"
	"       flashcoop-init -h | --help | --version\n");


static int check_text(const char *what, const char *v, struct fc_error *e)
{
	const char *why = text_problem(v);
	char q[TEXT_QUOTE_SIZE];
	if (why)
		return fc_fail(e, FC_DATAERR, "%s '%s' %s", what,
		               text_quote(v, q, sizeof q), why);
	return 0;
}

/* What the command line asks. */
struct args {
	struct project p;
	const char *start, *end, *days, *dir, *terminal;
	bool chain;
};

/* The options and the folder into a; *stop (with the exit status
 * returned) for --help, --version and a usage error. */
static int options(int argc, char **argv, struct args *a, bool *stop)
{
	static const struct option opts[] = {
		{ "activity", required_argument, NULL, 'a' },
		{ "chain", no_argument, NULL, 'c' },
		{ "days", required_argument, NULL, 'd' },
		{ "end", required_argument, NULL, 'e' },
		{ "event", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, 'H' },
		{ "id", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 's' },
		{ "terminal", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*stop = true;
	while ((c = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': a->p.activity = optarg; break;
		case 'c': a->chain = true; break;
		case 'C': a->dir = optarg; break;
		case 't': a->terminal = optarg; break;
		case 'd': a->days = optarg; break;
		case 'e': a->end = optarg; break;
		case 'E': a->p.event = optarg; break;
		case 'h': return cli_help(usage);
		case 'H': a->p.host = optarg; break;
		case 'i': a->p.id = optarg; break;
		case 'n': a->p.name = optarg; break;
		case 's': a->start = optarg; break;
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	if (argc - optind > 1 || (a->dir && argc - optind == 1))
		return cli_usage_error("one folder, please");
	if (argc - optind == 1)
		a->dir = argv[optind];
	/* An existing project's copy: this copy a terminal, or chained. */
	if (a->chain || (a->terminal && !a->p.name && !a->start)) {
		if (a->p.name || a->start || a->end || a->days || a->p.id ||
		    a->p.activity || a->p.host || a->p.event)
			return cli_usage_error("--chain and a copy's --terminal "
			                       "take no project options");
		*stop = false;
		return FC_OK;
	}
	if (!a->dir)
		return cli_usage_error("which folder? (DIR)");
	if (!a->p.name || !*a->p.name)
		return cli_usage_error("--name is required");
	if (!a->start)
		return cli_usage_error("--start is required");
	if (a->end && a->days)
		return cli_usage_error("give --end or --days, not both");
	*stop = false;
	return FC_OK;
}

/* The period: --start, then --end or --days (7 days by default). */
static int period(struct args *a)
{
	struct project *p = &a->p;
	char q[TEXT_QUOTE_SIZE];

	if (date_parse(a->start, &p->start) < 0)
		return cli_bad_value("--start '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(a->start, q, sizeof q));
	if (a->end && date_parse(a->end, &p->end) < 0)
		return cli_bad_value("--end '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(a->end, q, sizeof q));
	if (a->days) {
		char *stop;
		long n = strtol(a->days, &stop, 10);
		if (*stop || stop == a->days || n < 1 || n > 366)
			return cli_bad_value("--days '%s' is not a number of days "
			                     "from 1 to 366",
			                     text_quote(a->days, q, sizeof q));
		p->end = p->start + (int32_t)n - 1;
	} else if (!a->end) {
		p->end = p->start + 6; /* seven days, the start day included */
	}
	if (p->end < p->start)
		return cli_bad_value("the end comes before the start");
	return FC_OK;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	struct fc_error e;
	char idbuf[PATH_MAX], q[TEXT_QUOTE_SIZE];
	bool stop;
	int rc;

	cli_init(argc, argv);
	if ((rc = options(argc, argv, &a, &stop)) || stop)
		return rc;
	if (a.chain || !a.p.name) {
		const char *dir = project_dir(a.dir);
		rc = a.chain ? init_chain(dir, a.terminal ? a.terminal :
		                          TERMINAL_DEFAULT, &e) :
		     init_terminal(dir, a.terminal, &e);
		return rc ? cli_report(&e) : FC_OK;
	}
	a.p.activity = a.p.activity ? a.p.activity : "";
	a.p.host = a.p.host ? a.p.host : "";
	a.p.event = a.p.event ? a.p.event : "";
	if ((rc = period(&a)))
		return rc;
	if (!a.p.id)
		a.p.id = (char *)init_default_id(a.dir, idbuf, sizeof idbuf);
	if (!text_is_token(a.p.id) || strlen(a.p.id) > 64)
		return cli_bad_value("id '%s' may hold only letters, digits, "
		                     "'.', '_' and '-' (64 at most); give one "
		                     "with --id", text_quote(a.p.id, q, sizeof q));
	if ((rc = check_text("--name", a.p.name, &e)) ||
	    (rc = check_text("--activity", a.p.activity, &e)) ||
	    (rc = check_text("--host", a.p.host, &e)) ||
	    (rc = check_text("--event", a.p.event, &e)) ||
	    (rc = init_project(a.dir, &a.p, a.terminal ? a.terminal :
	                       TERMINAL_DEFAULT, &e)))
		return cli_report(&e);
	return FC_OK;
}
