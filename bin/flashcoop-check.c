/* flashcoop-check: validate project folders; silent when they are sound. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/verify.h"
#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/period.h"
#include "flashcoop/project.h"

static const char usage[] = N_(
	"usage: flashcoop-check [-v] [-C DIR] [DIR...]\n"
	"       flashcoop-check [-v] --archive FILE\n"
	"       flashcoop-check -h | --help | --version\n");

/* Problems on stdout, warnings (the project stays sound) on stderr. */
static void show(void *ctx, const char *problem, bool warning)
{
	(void)ctx;
	fprintf(warning ? stderr : stdout, "%s\n", problem);
}

/* --archive FILE: a closing's archive verified on its own. */
static int archive(const char *path, bool verbose)
{
	struct verify_stats st;
	struct fc_error e;
	char key[TERMINAL_KEY_HEX] = "";
	int rc = period_verify_archive(path, show, NULL, &st, key, sizeof key,
	                               &e);

	/* Refused before its files were checked (not an archive of ours, or
	 * its MANIFEST wrong): the reason. */
	if ((rc && rc != FC_DATAERR) || (rc == FC_DATAERR && !st.problems))
		return cli_report(&e);
	if (verbose)
		cli_warn(ngettext("%s: the archive of a closing, signed with the "
		                  "key %s: %zu problem",
		                  "%s: the archive of a closing, signed with the "
		                  "key %s: %zu problems", st.problems),
		         path, *key ? key : "-", st.problems);
	if (cli_flush())
		return FC_IOERR;
	return rc;
}

/* One folder checked: its status, a summary on stderr with -v. */
static int folder(const char *d, bool verbose)
{
	struct verify_stats st;
	struct fc_error e;
	int rc = verify_project(d, NULL, show, NULL, NULL, NULL, &st, &e);

	if (rc && rc != FC_DATAERR) {
		cli_report(&e);
		return rc;
	}
	if (verbose)
		cli_warn(project_closed(d) ?
		         ngettext("%s: %zu participants, %zu ledger rows, "
		                  "%zu hours rows, closed and sealed: %zu "
		                  "problem",
		                  "%s: %zu participants, %zu ledger rows, "
		                  "%zu hours rows, closed and sealed: %zu "
		                  "problems", st.problems) :
		         ngettext("%s: %zu participants, %zu ledger rows, "
		                  "%zu hours rows: %zu problem",
		                  "%s: %zu participants, %zu ledger rows, "
		                  "%zu hours rows: %zu problems", st.problems),
		         d, st.participants, st.ledger_rows, st.hours_rows,
		         st.problems);
	if (verbose && st.production_rows)
		cli_warn(ngettext("%s: %zu production row (lots, losses)",
		                  "%s: %zu production rows (lots, losses)",
		                  st.production_rows), d, st.production_rows);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "archive", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = NULL, *archive_file = NULL;
	bool verbose = false, bad = false, missing = false;
	int c;

	cli_init(argc, argv);
	while ((c = getopt_long(argc, argv, "C:hv", opts, NULL)) != -1) {
		switch (c) {
		case 'a': archive_file = optarg; break;
		case 'C': dir = optarg; break;
		case 'h': return cli_help(usage);
		case 'v': verbose = true; break;
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (archive_file && (argc || dir))
		return cli_usage_error("--archive takes no folder");
	if (archive_file)
		return archive(archive_file, verbose);
	for (int i = 0; i < (argc ? argc : 1); i++) {
		int rc = folder(argc ? argv[i] : project_dir(dir), verbose);
		if (rc == FC_NOINPUT)
			missing = true;
		else if (rc && rc != FC_DATAERR)
			return rc;
		bad |= rc == FC_DATAERR;
	}
	if (cli_flush())
		return FC_IOERR;
	return bad ? FC_DATAERR : missing ? FC_NOINPUT : FC_OK;
}
