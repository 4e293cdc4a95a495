/* flashcoop-init: create a Flashcoop project folder. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

static const char usage[] = N_(
	"usage: flashcoop-init DIR --name N --start DATE [--end DATE | --days N]\n"
	"                      [--id ID] [--activity A] [--host H] [--event E]\n"
	"       flashcoop-init -h | --help | --version\n");


static const char gitattributes[] =
	"# flashcoop: ledgers are LF text, diffed line by line.\n"
	"*.csv text eol=lf diff\n"
	"*.ini text eol=lf diff\n";
static const char gitignore[] = ".lock\n.commit\n*.tmp\n";

/* mkdir -p */
static int make_dir(const char *dir, struct fc_error *e)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	for (char *s = path + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return fc_fail_errno(e, FC_CANTCREAT, "%s: cannot create",
			                     path);
		*s = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* The files of a new project, flashcoop.ini last: until it exists, there
 * is no project. */
struct file {
	const char *name;
	const char *text;
	mode_t mode;
};

/* May dir/name be written?  Yes when it is absent or already holds exactly
 * this text (an init cut short); anything else is not ours to overwrite. */
static int may_write(const char *dir, const struct file *f, bool *present,
                     struct fc_error *e)
{
	char path[PATH_MAX], *old;
	size_t len;
	struct stat st;
	bool same;

	*present = false;
	if (project_path(dir, f->name, path, sizeof path) < 0)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	if (stat(path, &st) < 0)
		return 0;
	if (store_slurp(path, &old, &len, e))
		return FC_CANTCREAT;
	same = len == strlen(f->text) && memcmp(old, f->text, len) == 0;
	free(old);
	*present = true;
	return same ? 0 : fc_fail(e, FC_CANTCREAT, "%s already exists; "
	                          "flashcoop-init does not overwrite it", path);
}

static int create(const char *dir, struct project *p, struct fc_error *e)
{
	struct store_lock lock;
	struct buf ini = { 0 };
	struct file files[] = {
		{ ".gitattributes", gitattributes, 0644 },
		{ ".gitignore", gitignore, 0644 },
		{ PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n", 0600 },
		{ PROJECT_LEDGER, LEDGER_HEADER "\n", 0644 },
		{ PROJECT_HOURS, HOURS_HEADER "\n", 0644 },
		{ PROJECT_INI, NULL, 0644 },
	};
	const size_t n = sizeof files / sizeof *files;
	bool present[sizeof files / sizeof *files];
	char path[PATH_MAX];
	struct stat st;
	int rc;

	if ((rc = project_ini_text(&ini, p, e)))
		goto out;
	files[n - 1].text = ini.p;
	if (project_path(dir, PROJECT_INI, path, sizeof path) == 0 &&
	    stat(path, &st) == 0) {
		rc = fc_fail(e, FC_CANTCREAT, "%s already holds a project", dir);
		goto out;
	}
	if ((rc = make_dir(dir, e)) || (rc = store_lock(dir, true, &lock, e)))
		goto out;
	/* Every file is looked at before any is written. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = may_write(dir, &files[i], &present[i], e);
	for (size_t i = 0; !rc && i < n; i++)
		if (!present[i] &&
		    project_path(dir, files[i].name, path, sizeof path) == 0)
			rc = store_replace(path, files[i].text,
			                   strlen(files[i].text), files[i].mode, e);
	store_unlock(&lock);
out:
	buf_free(&ini);
	return rc;
}

/* The default id: the folder's name ("." is the current folder's). */
static const char *default_id(const char *dir, char *buf, size_t size)
{
	const char *base;
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	snprintf(buf, size, "%.*s", (int)len, dir);
	base = strrchr(buf, '/');
	base = base ? base + 1 : buf;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		char real[PATH_MAX];
		if (realpath(buf, real)) {
			snprintf(buf, size, "%s", real);
			base = strrchr(buf, '/');
			base = base && base[1] ? base + 1 : buf;
		}
	}
	return base;
}

static int check_text(const char *what, const char *v, struct fc_error *e)
{
	const char *why = text_problem(v);
	char q[TEXT_QUOTE_SIZE];
	if (why)
		return fc_fail(e, FC_DATAERR, "%s '%s' %s", what,
		               text_quote(v, q, sizeof q), why);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "activity", required_argument, NULL, 'a' },
		{ "days", required_argument, NULL, 'd' },
		{ "end", required_argument, NULL, 'e' },
		{ "event", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, 'H' },
		{ "id", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct project p = { 0 };
	struct fc_error e;
	const char *start = NULL, *end = NULL, *days = NULL, *dir;
	char idbuf[PATH_MAX], q[TEXT_QUOTE_SIZE];
	int c, rc;

	cli_init(argc, argv);
	p.activity = p.host = p.event = "";
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': p.activity = optarg; break;
		case 'd': days = optarg; break;
		case 'e': end = optarg; break;
		case 'E': p.event = optarg; break;
		case 'h': return cli_help(usage);
		case 'H': p.host = optarg; break;
		case 'i': p.id = optarg; break;
		case 'n': p.name = optarg; break;
		case 's': start = optarg; break;
		case 'V': return cli_version();
		default: return cli_usage(usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return cli_usage_error("one folder, please");
	if (argc == 0)
		return cli_usage_error("which folder? (DIR)");
	dir = argv[0];
	if (!p.name || !*p.name)
		return cli_usage_error("--name is required");
	if (!start)
		return cli_usage_error("--start is required");
	if (end && days)
		return cli_usage_error("give --end or --days, not both");
	if (date_parse(start, &p.start) < 0)
		return cli_bad_value("--start '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(start, q, sizeof q));
	if (end && date_parse(end, &p.end) < 0)
		return cli_bad_value("--end '%s' is not a date (YYYY-MM-DD)",
		                     text_quote(end, q, sizeof q));
	if (days) {
		char *stop;
		long n = strtol(days, &stop, 10);
		if (*stop || stop == days || n < 1 || n > 366)
			return cli_bad_value("--days '%s' is not a number of days "
			                     "from 1 to 366",
			                     text_quote(days, q, sizeof q));
		p.end = p.start + (int32_t)n - 1;
	} else if (!end) {
		p.end = p.start + 6; /* seven days, the start day included */
	}
	if (p.end < p.start)
		return cli_bad_value("the end comes before the start");
	if (!p.id)
		p.id = (char *)default_id(dir, idbuf, sizeof idbuf);
	if (!text_is_token(p.id) || strlen(p.id) > 64)
		return cli_bad_value("id '%s' may hold only letters, digits, "
		                     "'.', '_' and '-' (64 at most); give one "
		                     "with --id", text_quote(p.id, q, sizeof q));
	if ((rc = check_text("--name", p.name, &e)) ||
	    (rc = check_text("--activity", p.activity, &e)) ||
	    (rc = check_text("--host", p.host, &e)) ||
	    (rc = check_text("--event", p.event, &e)))
		return cli_report(&e);
	if ((rc = create(dir, &p, &e)))
		return cli_report(&e);
	return FC_OK;
}
