/*
 * Unit tests for lib/init.c: a new project folder (mkdir -p), its files
 * written once with their modes (names 0600), flashcoop.ini last; a
 * folder that holds a project refused; the files of an init cut short
 * taken over, any other file of the same name never overwritten; and the
 * default id, the folder's name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/days.h"
#include "flashcoop/init.h"
#include "flashcoop/terminal.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-init-XXXXXX";
static char dir[128];           /* the project: tmpdir/a/b/p */

static int setup(void **state)
{
	char keys[PATH_MAX];
	(void)state;
	umask(022);
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/a/b/p", tmpdir);
	/* The terminal's key goes to a configuration folder of the test's. */
	snprintf(keys, sizeof keys, "%s/config", tmpdir);
	return setenv("XDG_CONFIG_HOME", keys, 1);
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* Each test starts without tmpdir/a. */
static int fresh(void **state)
{
	char a[PATH_MAX];
	(void)state;
	snprintf(a, sizeof a, "%s/a", tmpdir);
	test_rm_tree(a);
	return 0;
}

static const char *at(const char *name)
{
	static char ring[4][PATH_MAX];
	static int i;
	i = (i + 1) % 4;
	snprintf(ring[i], sizeof ring[i], "%s/%s", dir, name);
	return ring[i];
}

static void content_is(const char *name, const char *want)
{
	char *got;
	size_t len;
	struct fc_error e;
	if (store_slurp(at(name), &got, &len, &e) != 0)
		fail_msg("store_slurp(%s): %s", name, e.msg);
	assert_string_equal(got, want);
	free(got);
}

static mode_t mode_of(const char *name)
{
	struct stat st;
	assert_int_equal(stat(at(name), &st), 0);
	return st.st_mode & 07777;
}

/* The names in dir, sorted, one a line. */
static void listing_is(const char *want)
{
	struct dirent **list;
	struct buf b = { 0 };
	int n = scandir(dir, &list, NULL, alphasort);

	assert_true(n >= 0);
	buf_puts(&b, "");
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			buf_puts(&b, list[i]->d_name);
			buf_puts(&b, "\n");
		}
		free(list[i]);
	}
	free(list);
	assert_string_equal(b.p, want);
	buf_free(&b);
}

/* mkdir -p path (below tmpdir). */
static void mkdirs(const char *path)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", path);
	for (char *s = p + strlen(tmpdir) + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			assert_true(mkdir(p, 0755) == 0 || access(p, F_OK) == 0);
			*s = '/';
		}
	assert_true(mkdir(p, 0755) == 0 || access(p, F_OK) == 0);
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* A project as flashcoop-init's options give it. */
static struct project new_project(void)
{
	struct project p;
	memset(&p, 0, sizeof p);
	p.id = (char *)"cookies-mai";
	p.name = (char *)"Cookies de mai";
	p.activity = (char *)"biscuiterie";
	p.host = (char *)"";
	p.event = (char *)"marché; place Carnot";
	p.start = date_from_ymd(2026, 5, 4);
	p.end = date_from_ymd(2026, 5, 13);
	return p;
}

#define GITATTRIBUTES "# flashcoop: ledgers are LF text, diffed line by " \
	"line.\n*.csv text eol=lf diff\n*.ini text eol=lf diff\n" \
	"# Files only ever appended to: git's own union merge joins the lines\n" \
	"# both sides added, without a conflict (each terminal's rows keep\n" \
	"# their order, so each one's chain holds).\n" \
	"ledger.csv merge=union\nhours.csv merge=union\n" \
	"production.csv merge=union\n" \
	"days.csv merge=union\nterminals.csv merge=union\n"
#define GITIGNORE ".lock\n.commit\n*.tmp\n.flashcoop/\n"
#define ALL_FILES ".flashcoop\n.gitattributes\n.gitignore\n.lock\n" \
	"days.csv\nflashcoop.ini\nhours.csv\nledger.csv\nparticipants.csv\n" \
	"terminals.csv\n"

static void test_init(void **state)
{
	struct project p = new_project(), got;
	struct fc_error e = { 0, "" };
	struct buf ini = { 0 };
	(void)state;

	if (init_project(dir, &p, "main", &e) != 0)
		fail_msg("init_project: %s", e.msg);
	/* The folder and those above it made; the files and the lock, no
	 * temp file left. */
	listing_is(ALL_FILES);
	content_is(".gitattributes", GITATTRIBUTES);
	content_is(".gitignore", GITIGNORE);
	content_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n");
	content_is(PROJECT_LEDGER, LEDGER_HEADER "\n");
	content_is(PROJECT_HOURS, HOURS_HEADER "\n");
	content_is(PROJECT_DAYS, DAYS_HEADER "\n");
	/* The first terminal, main, with its key's public half and the time
	 * it was declared; this copy declared as main. */
	{
		struct terminals t;
		char name[TERMINAL_SIZE];
		assert_int_equal(terminals_load(dir, &t, &e), 0);
		assert_true(t.present);
		assert_int_equal(t.n, 1);
		assert_string_equal(t.v[0].name, "main");
		assert_int_equal(strlen(t.v[0].public_key), 64);
		terminals_free(&t);
		assert_int_equal(terminal_here(dir, name, &e), 0);
		assert_string_equal(name, "main");
	}
	/* flashcoop.ini is project_ini_text's, byte for byte. */
	assert_int_equal(project_ini_text(&ini, &p, &e), 0);
	content_is(PROJECT_INI, ini.p);
	/* [money] gives the minimum gross pay an hour, the SMIC, on the
	 * line after cash_float, with what 0 does. */
	{
		const char *cf = strstr(ini.p, "\ncash_float "), *mh;
		assert_non_null(cf);
		mh = strchr(cf + 1, '\n');
		assert_int_equal(strncmp(mh, "\nmin_hourly_gross = 12.02 ;", 27),
		                 0);
		assert_non_null(strstr(mh, "0: no check\n"));
		assert_true(strstr(mh, "0: no check\n") < strchr(mh + 1, '\n'));
	}
	buf_free(&ini);
	/* Names 0600, the rest 0644, the folder 0755. */
	assert_int_equal(mode_of(PROJECT_PARTICIPANTS), 0600);
	assert_int_equal(mode_of(PROJECT_LEDGER), 0644);
	assert_int_equal(mode_of(PROJECT_HOURS), 0644);
	assert_int_equal(mode_of(PROJECT_INI), 0644);
	assert_int_equal(mode_of(".gitignore"), 0644);
	assert_int_equal(mode_of("."), 0755);

	/* It loads, with what was given and the defaults. */
	if (project_load(dir, &got, &e) != 0)
		fail_msg("project_load: %s", e.msg);
	assert_string_equal(got.id, "cookies-mai");
	assert_string_equal(got.name, "Cookies de mai");
	assert_string_equal(got.event, "marché; place Carnot");
	assert_int_equal(got.start, date_from_ymd(2026, 5, 4));
	assert_int_equal(got.end, date_from_ymd(2026, 5, 13));
	assert_true(got.vat);
	assert_int_equal(got.cae_rate, 1000);
	assert_int_equal(got.employer_rate, 1300);
	assert_int_equal(got.employee_rate, 2200);
	assert_int_equal(got.cash_float, 5000);
	assert_int_equal(got.min_hourly_gross, 1202);
	assert_int_equal(got.nproducts, 0);
	project_free(&got);
}

static void test_refusals(void **state)
{
	struct project p = new_project();
	struct fc_error e = { 0, "" };
	char want[PATH_MAX + 64];
	(void)state;

	/* Twice: the second is refused, nothing touched. */
	assert_int_equal(init_project(dir, &p, "main", &e), 0);
	put(PROJECT_LEDGER, LEDGER_HEADER "\nS00001,2026-05-05,sale,cookie,1,"
	    "2.50,2.50,5.5,,cash,,,\n");
	p.name = (char *)"Another";
	assert_int_equal(init_project(dir, &p, "main", &e), FC_CANTCREAT);
	assert_int_equal(e.code, FC_CANTCREAT);
	snprintf(want, sizeof want, "%s already holds a project", dir);
	assert_string_equal(e.msg, want);
	content_is(PROJECT_LEDGER, LEDGER_HEADER "\nS00001,2026-05-05,sale,"
	           "cookie,1,2.50,2.50,5.5,,cash,,,\n");
	listing_is(ALL_FILES);

	/* A value flashcoop.ini cannot hold: refused before any folder is
	 * made. */
	assert_int_equal(fresh(NULL), 0);
	p = new_project();
	p.name = (char *)"two\nlines";
	assert_int_equal(init_project(dir, &p, "main", &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "name 'two"));
	assert_int_equal(access(dir, F_OK), -1);

	/* A folder that cannot be made: a file on the way. */
	p = new_project();
	{
		char a[PATH_MAX];
		FILE *f;
		snprintf(a, sizeof a, "%s/a", tmpdir);
		f = fopen(a, "w");
		assert_non_null(f);
		fclose(f);
		assert_int_equal(init_project(dir, &p, "main", &e), FC_CANTCREAT);
		snprintf(want, sizeof want, "%s/b: cannot create", a);
		assert_non_null(strstr(e.msg, want));
		assert_int_equal(unlink(a), 0);
	}
}

/* An init cut short left some of its files, as it writes them: taken
 * over.  A file of the same name holding anything else is not
 * overwritten, and then nothing is written at all. */
static void test_cut_short(void **state)
{
	struct project p = new_project();
	struct fc_error e = { 0, "" };
	char want[PATH_MAX + 64];
	(void)state;

	mkdirs(dir);
	put(".gitignore", GITIGNORE);
	put(PROJECT_LEDGER, LEDGER_HEADER "\n");
	assert_int_equal(init_project(dir, &p, "main", &e), 0);
	listing_is(ALL_FILES);
	content_is(PROJECT_HOURS, HOURS_HEADER "\n");

	/* Anew: this time hours.csv holds a row. */
	assert_int_equal(fresh(NULL), 0);
	mkdirs(dir);
	put(".gitignore", GITIGNORE);
	put(PROJECT_HOURS, HOURS_HEADER "\nH00001,2026-05-05,hours,P001,7.00,,\n");
	assert_int_equal(init_project(dir, &p, "main", &e), FC_CANTCREAT);
	snprintf(want, sizeof want, "%s already exists; flashcoop-init does not "
	         "overwrite it", at(PROJECT_HOURS));
	assert_string_equal(e.msg, want);
	/* Every file was looked at before any was written: no more files
	 * than before (and the lock). */
	listing_is(".gitignore\n.lock\nhours.csv\n");
	content_is(PROJECT_HOURS, HOURS_HEADER "\nH00001,2026-05-05,hours,P001,"
	           "7.00,,\n");

	/* The same for a .gitignore of one's own. */
	assert_int_equal(unlink(at(PROJECT_HOURS)), 0);
	put(".gitignore", "*.pdf\n");
	assert_int_equal(init_project(dir, &p, "main", &e), FC_CANTCREAT);
	assert_non_null(strstr(e.msg, ".gitignore already exists"));
	listing_is(".gitignore\n.lock\n");
}

static void test_default_id(void **state)
{
	char buf[PATH_MAX], cwd[PATH_MAX], here[PATH_MAX];
	(void)state;

	assert_string_equal(init_default_id("cookies", buf, sizeof buf),
	                    "cookies");
	assert_string_equal(init_default_id("a/b/cookies", buf, sizeof buf),
	                    "cookies");
	assert_string_equal(init_default_id("/srv/coop/cookies/", buf,
	                                    sizeof buf), "cookies");
	assert_string_equal(init_default_id("cookies///", buf, sizeof buf),
	                    "cookies");
	/* "." and ".." are the folders' real names. */
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(here, sizeof here, "%s/a/b", tmpdir);
	mkdirs(here);
	assert_int_equal(chdir(here), 0);
	assert_string_equal(init_default_id(".", buf, sizeof buf), "b");
	assert_string_equal(init_default_id("./", buf, sizeof buf), "b");
	assert_string_equal(init_default_id("..", buf, sizeof buf), "a");
	assert_string_equal(init_default_id("../b/.", buf, sizeof buf), "b");
	assert_int_equal(chdir(cwd), 0);
	/* The root has no name: empty, for flashcoop-init to refuse (it
	 * asks for --id). */
	assert_string_equal(init_default_id("/", buf, sizeof buf), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init, fresh),
		cmocka_unit_test_setup(test_refusals, fresh),
		cmocka_unit_test_setup(test_cut_short, fresh),
		cmocka_unit_test_setup(test_default_id, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
