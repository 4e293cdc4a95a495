/*
 * Unit tests for lib/store.c: appending, replacing, the project lock, and
 * reading a whole file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flashcoop/error.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-store-XXXXXX";
static char path[512];

static int setup(void **state)
{
	(void)state;
	umask(022);
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(path, sizeof path, "%s/ledger.csv", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* Each test starts without the file. */
static int fresh(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void put(const char *p, const char *data, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

/* The whole file as a string (to free). */
static char *slurp(const char *p)
{
	char *data = NULL;
	size_t len = 0;
	struct fc_error e;
	if (store_slurp(p, &data, &len, &e) != 0)
		fail_msg("store_slurp: %s", e.msg);
	assert_int_equal(strlen(data), len);
	return data;
}

static void check_content(const char *p, const char *want)
{
	char *got = slurp(p);
	assert_string_equal(got, want);
	free(got);
}

static mode_t mode_of(const char *p)
{
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	return st.st_mode & 07777;
}

/* Only the expected names in the folder: no temp file left behind. */
static int count_entries(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* ---- store_append ---- */

static void test_append(void **state)
{
	struct fc_error e;
	(void)state;

	put(path, "id,x\n", 0644);
	assert_int_equal(store_append(path, "1,a\n", 4, &e), 0);
	check_content(path, "id,x\n1,a\n");
	assert_int_equal(store_append(path, "2,b\n3,c\n", 8, &e), 0);
	check_content(path, "id,x\n1,a\n2,b\n3,c\n");
	/* len counts, not the NUL. */
	assert_int_equal(store_append(path, "4,d\nNOT THIS", 4, &e), 0);
	check_content(path, "id,x\n1,a\n2,b\n3,c\n4,d\n");
	/* Nothing to add is fine. */
	assert_int_equal(store_append(path, "", 0, &e), 0);
	check_content(path, "id,x\n1,a\n2,b\n3,c\n4,d\n");
	/* The mode stays. */
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(count_entries(), 1);
}

static void test_append_missing(void **state)
{
	struct fc_error e;
	char p[600];
	(void)state;

	/* Appending never creates: a missing ledger is an error. */
	assert_int_equal(store_append(path, "1\n", 2, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(access(path, F_OK), -1);
	snprintf(p, sizeof p, "%s/no/such/dir.csv", tmpdir);
	assert_int_equal(store_append(p, "1\n", 2, &e), FC_NOINPUT);
}

static void test_append_large(void **state)
{
	struct fc_error e;
	size_t n = 300000;
	char *big = malloc(n + 1), *got;
	(void)state;

	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = i % 50 == 49 ? '\n' : (char)('a' + i % 26);
	big[n] = '\0';
	put(path, "h\n", 0600);
	assert_int_equal(store_append(path, big, n, &e), 0);
	got = slurp(path);
	assert_int_equal(strlen(got), n + 2);
	assert_memory_equal(got, "h\n", 2);
	assert_memory_equal(got + 2, big, n);
	free(got);
	free(big);
}

/* ---- store_replace ---- */

static void test_replace_creates_with_mode(void **state)
{
	struct fc_error e;
	char out[600];
	(void)state;

	/* A file of no project: the mode asked. */
	snprintf(out, sizeof out, "%s/bilan.html", tmpdir);
	assert_int_equal(store_replace(out, "id,name\nP001,Ann\n", 17, 0600,
	                               &e), 0);
	check_content(out, "id,name\nP001,Ann\n");
	assert_int_equal(mode_of(out), 0600);
	assert_int_equal(count_entries(), 1);
	unlink(out);
	assert_int_equal(store_replace(out, "x\n", 2, 0644, &e), 0);
	assert_int_equal(mode_of(out), 0644);
	check_content(out, "x\n");
	unlink(out);

	/* A project's file: the layout's, whatever is asked. */
	assert_int_equal(store_replace(path, "x\n", 2, 0600, &e), 0);
	assert_int_equal(mode_of(path), 0644);
}

static void test_replace_keeps_mode(void **state)
{
	struct fc_error e;
	(void)state;

	put(path, "old\n", 0600);
	assert_int_equal(store_replace(path, "new\n", 4, 0644, &e), 0);
	check_content(path, "new\n");
	assert_int_equal(mode_of(path), 0600);

	put(path, "old\n", 0640);
	assert_int_equal(store_replace(path, "newer\n", 6, 0600, &e), 0);
	check_content(path, "newer\n");
	assert_int_equal(mode_of(path), 0640);

	put(path, "old\n", 0400);
	assert_int_equal(store_replace(path, "ro\n", 3, 0644, &e), 0);
	check_content(path, "ro\n");
	assert_int_equal(mode_of(path), 0400);

	/* Replacing with nothing leaves an empty file. */
	assert_int_equal(store_replace(path, "", 0, 0644, &e), 0);
	check_content(path, "");
	assert_int_equal(count_entries(), 1);
}

/* Found as a bug: the temp file was created with open(..., mode), which
 * the umask cuts, so a group-writable file (0664) came back 0644. */
static void test_replace_keeps_mode_umask(void **state)
{
	struct fc_error e;
	(void)state;
	put(path, "old\n", 0664);
	assert_int_equal(store_replace(path, "new\n", 4, 0600, &e), 0);
	assert_int_equal(mode_of(path), 0664);
}

static void test_replace_errors(void **state)
{
	struct fc_error e;
	char p[600];
	(void)state;

	snprintf(p, sizeof p, "%s/no/such/file.csv", tmpdir);
	assert_int_equal(store_replace(p, "x\n", 2, 0600, &e), FC_CANTCREAT);
	assert_int_equal(e.code, FC_CANTCREAT);
	assert_non_null(strstr(e.msg, p));
}

/* ---- store_commit ---- */

static void test_commit(void **state)
{
	struct fc_error e;
	char hours[600], journal[600];
	struct store_change c[2];
	(void)state;

	snprintf(hours, sizeof hours, "%s/hours.csv", tmpdir);
	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	put(path, "id\nS1\n", 0644);
	put(hours, "id\nH1\n", 0600);
	c[0] = (struct store_change){ path, "S2\nS3\n", 6, false };
	c[1] = (struct store_change){ hours, "H2\n", 3, false };
	assert_int_equal(store_commit(tmpdir, c, 2, &e), 0);
	check_content(path, "id\nS1\nS2\nS3\n");
	check_content(hours, "id\nH1\nH2\n");
	assert_int_equal(mode_of(path), 0644);
	assert_int_equal(mode_of(hours), 0600);
	/* No journal, no temp file left. */
	assert_int_equal(access(journal, F_OK), -1);
	assert_int_equal(count_entries(), 2);

	/* One file missing: nothing changes. */
	unlink(hours);
	c[0] = (struct store_change){ path, "S4\n", 3, false };
	assert_int_equal(store_commit(tmpdir, c, 2, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	check_content(path, "id\nS1\nS2\nS3\n");
	assert_int_equal(access(journal, F_OK), -1);
	assert_int_equal(count_entries(), 1);

	/* Nothing to do. */
	assert_int_equal(store_commit(tmpdir, c, 0, &e), 0);
	check_content(path, "id\nS1\nS2\nS3\n");
}

/* A journal as store_commit writes it, for the new version tmp of target
 * (names without the folder), into text. */
static void journal_of(const char *tmp, const char *target, const char *old,
                       const char *new, char *text, size_t size)
{
	char oh[SHA256_HEX], nh[SHA256_HEX];
	assert_int_equal(sha256_bytes(new, strlen(new), nh), 0);
	if (!old) {
		snprintf(text, size, "flashcoop commit 1\n%s\t%s\t-\t-\t%zu\t%s\n",
		         tmp, target, strlen(new), nh);
		return;
	}
	assert_int_equal(sha256_bytes(old, strlen(old), oh), 0);
	snprintf(text, size, "flashcoop commit 1\n%s\t%s\t%zu\t%s\t%zu\t%s\n",
	         tmp, target, strlen(old), oh, strlen(new), nh);
}

/* A writer killed after its journal landed: the next lock finishes its
 * renames, for a reader as for a writer. */
static void test_commit_recovery(void **state)
{
	struct fc_error e;
	struct store_lock l;
	char tmp[700], journal[600], text[800];
	(void)state;

	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	snprintf(tmp, sizeof tmp, "%s.99999.0.tmp", path);
	put(path, "id\nS1\n", 0644);
	put(tmp, "id\nS1\nS2\n", 0644);
	journal_of("ledger.csv.99999.0.tmp", "ledger.csv", "id\nS1\n",
	           "id\nS1\nS2\n", text, sizeof text);
	put(journal, text, 0644);

	assert_int_equal(store_lock(tmpdir, false, &l, &e), 0);
	check_content(path, "id\nS1\nS2\n");
	assert_int_equal(access(journal, F_OK), -1);
	assert_int_equal(access(tmp, F_OK), -1);
	store_unlock(&l);

	/* Renames already done are skipped: the target is the new version. */
	put(journal, text, 0644);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	check_content(path, "id\nS1\nS2\n");
	assert_int_equal(access(journal, F_OK), -1);
	store_unlock(&l);
	unlink(path);
}

/* A journal flashcoop did not write renames nothing, for any lock. */
static void test_journal_foreign(void **state)
{
	static const char *const planted[] = {
		"evil\t../victim\n",
		"flashcoop commit 1\nevil\t../victim\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\t/tmp/victim\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nnotes.txt.1.0.tmp\tnotes.txt\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\n../x.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\tzz\n",
		"flashcoop commit 1\n",
		"",
		/* found by fuzz_journal: a line given twice, two temp files
		 * for one target, blank lines, merged tabs, a size written
		 * with a leading zero, a last line without its newline */
		"flashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n"
		"ledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n"
		"ledger.csv.2.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"\nflashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\t\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t01\t"
		"0000000000000000000000000000000000000000000000000000000000000000\n",
		"flashcoop commit 1\nledger.csv.1.0.tmp\tledger.csv\t-\t-\t1\t"
		"0000000000000000000000000000000000000000000000000000000000000000",
	};
	struct store_lock l;
	struct fc_error e;
	char journal[600], victim[600], evil[600];
	(void)state;

	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	snprintf(victim, sizeof victim, "%s/victim", tmpdir);
	snprintf(evil, sizeof evil, "%s/evil", tmpdir);
	put(victim, "safe\n", 0644);
	put(evil, "pwned\n", 0644);
	for (size_t i = 0; i < sizeof planted / sizeof *planted; i++) {
		put(journal, planted[i], 0644);
		assert_int_equal(store_lock(tmpdir, false, &l, &e), FC_DATAERR);
		assert_non_null(strstr(e.msg, ".commit"));
		assert_int_equal(l.fd, -1);
		assert_int_equal(store_lock(tmpdir, true, &l, &e), FC_DATAERR);
		check_content(victim, "safe\n");
		check_content(evil, "pwned\n");
		assert_int_equal(access(journal, F_OK), 0);
	}
	unlink(journal);
	unlink(victim);
	unlink(evil);
}

/* A target changed since the journal landed (a git pull) is not replaced;
 * a journal whose temp file is gone and whose target is not its result
 * cannot be finished either. */
static void test_journal_stale(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char tmp[700], journal[600], text[800];
	(void)state;

	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	snprintf(tmp, sizeof tmp, "%s.4242.0.tmp", path);
	put(path, "id\nS1\n", 0644);
	put(tmp, "id\nS1\nS2\n", 0644);
	journal_of("ledger.csv.4242.0.tmp", "ledger.csv", "id\nS1\n",
	           "id\nS1\nS2\n", text, sizeof text);
	put(journal, text, 0644);
	put(path, "id\nS1\nC2\n", 0644);      /* what the pull brought */
	assert_int_equal(store_lock(tmpdir, true, &l, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "changed since"));
	check_content(path, "id\nS1\nC2\n");
	check_content(tmp, "id\nS1\nS2\n");

	unlink(tmp);
	assert_int_equal(store_lock(tmpdir, false, &l, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "cannot be finished"));
	check_content(path, "id\nS1\nC2\n");
	unlink(journal);
	unlink(path);
}

/* A journal whose temp files are gone and whose targets are as they were
 * is a write given up (its folder would not sync): nothing to do. */
static void test_journal_given_up(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char journal[600], text[800];
	(void)state;

	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	put(path, "id\nS1\n", 0644);
	journal_of("ledger.csv.4242.0.tmp", "ledger.csv", "id\nS1\n",
	           "id\nS1\nS2\n", text, sizeof text);
	put(journal, text, 0644);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	store_unlock(&l);
	check_content(path, "id\nS1\n");
	assert_int_equal(access(journal, F_OK), -1);
	unlink(path);
}

/* A new file journaled as absent is created by the recovery. */
static void test_journal_new_file(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char tmp[700], journal[600], target[600], text[800];
	(void)state;

	snprintf(journal, sizeof journal, "%s/.commit", tmpdir);
	snprintf(target, sizeof target, "%s/closing.csv", tmpdir);
	snprintf(tmp, sizeof tmp, "%s.7.0.tmp", target);
	put(tmp, "participant\n", 0600);
	journal_of("closing.csv.7.0.tmp", "closing.csv", NULL, "participant\n",
	           text, sizeof text);
	put(journal, text, 0644);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	store_unlock(&l);
	check_content(target, "participant\n");
	assert_int_equal(access(journal, F_OK), -1);
	unlink(target);
}

/* Temp files: the project's own are litter once the lock is free; the
 * others are not ours, whatever they look like. */
static void test_orphans(void **state)
{
	static const char *const keep[] = {
		"bilan.html.999.0.tmp", "notes.1.2.tmp", "ledger.csv.x.0.tmp",
		"ledger.csv.1.tmp", "other.csv.1.2.tmp",
	};
	static const char *const litter[] = {
		"ledger.csv.999.0.tmp", "participants.csv.12.3.tmp",
		".commit.5.0.tmp", "closing.ini.1.1.tmp",
	};
	struct store_lock l;
	struct fc_error e;
	char p[700];
	(void)state;

	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, keep[i]);
		put(p, "x", 0644);
	}
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, litter[i]);
		put(p, "x", 0644);
	}
	/* A reader removes nothing. */
	assert_int_equal(store_lock(tmpdir, false, &l, &e), 0);
	store_unlock(&l);
	snprintf(p, sizeof p, "%s/%s", tmpdir, litter[0]);
	assert_int_equal(access(p, F_OK), 0);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	store_unlock(&l);
	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, keep[i]);
		assert_int_equal(access(p, F_OK), 0);
		unlink(p);
	}
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, litter[i]);
		assert_int_equal(access(p, F_OK), -1);
	}
}

/* Nothing is written or read through a link, nor from a FIFO. */
static void test_links(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char other[600], lock[600], target[600], *data;
	struct store_change c = { path, "S2\n", 3, false };
	int fd;
	(void)state;

	snprintf(other, sizeof other, "%s/other.csv", tmpdir);
	put(other, "id\nS1\n", 0644);
	assert_int_equal(symlink("other.csv", path), 0);
	assert_int_equal(store_append(path, "S2\n", 3, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_int_equal(store_replace(path, "x\n", 2, 0644, &e), FC_DATAERR);
	assert_int_equal(store_slurp(path, &data, NULL, &e), FC_DATAERR);
	assert_int_equal(store_open(path, O_RDONLY, &fd, &e), FC_DATAERR);
	assert_int_equal(store_commit(tmpdir, &c, 1, &e), FC_DATAERR);
	c.whole = true;
	assert_int_equal(store_commit(tmpdir, &c, 1, &e), FC_DATAERR);
	check_content(other, "id\nS1\n");
	unlink(path);

	/* The lock file itself, even for a reader. */
	snprintf(lock, sizeof lock, "%s/.lock", tmpdir);
	snprintf(target, sizeof target, "%s/made", tmpdir);
	unlink(lock);
	assert_int_equal(symlink(target, lock), 0);
	assert_int_equal(store_lock(tmpdir, false, &l, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_int_equal(access(target, F_OK), -1);
	unlink(lock);

	/* A FIFO where a file goes: refused at once, not waited on. */
	assert_int_equal(mkfifo(path, 0644), 0);
	assert_int_equal(store_open(path, O_RDONLY, &fd, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "not a regular file"));
	unlink(path);
	unlink(other);
}

/* Files holding names are 0600 after every write, whatever they were. */
static void test_personal_mode(void **state)
{
	struct fc_error e;
	char people[600], closing[600];
	struct store_change c;
	(void)state;

	snprintf(people, sizeof people, "%s/participants.csv", tmpdir);
	snprintf(closing, sizeof closing, "%s/closing.csv", tmpdir);
	put(people, "id\n", 0644);
	assert_int_equal(store_append(people, "P001\n", 5, &e), 0);
	assert_int_equal(mode_of(people), 0600);
	put(people, "id\n", 0666);
	assert_int_equal(store_replace(people, "id\nP002\n", 8, 0644, &e), 0);
	assert_int_equal(mode_of(people), 0600);
	put(closing, "", 0666);
	c = (struct store_change){ closing, "participant\n", 12, true };
	assert_int_equal(store_commit(tmpdir, &c, 1, &e), 0);
	assert_int_equal(mode_of(closing), 0600);
	check_content(closing, "participant\n");
	unlink(people);
	unlink(closing);
}

/* The note kept in the lock file outlives the lock. */
static void test_note(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char got[64];
	(void)state;

	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	store_note_set(&l, "long first note\n");
	store_note_set(&l, "sound\n");
	store_unlock(&l);
	assert_int_equal(store_lock(tmpdir, false, &l, &e), 0);
	assert_int_equal(store_note_get(&l, got, sizeof got), 0);
	assert_string_equal(got, "sound\n");
	store_unlock(&l);
	assert_int_equal(store_note_get(&l, got, sizeof got), -1);
}

/* ---- store_slurp ---- */

static void test_slurp(void **state)
{
	struct fc_error e;
	char *data = NULL;
	size_t len = 99;
	char big[20001];
	(void)state;

	put(path, "", 0600);
	assert_int_equal(store_slurp(path, &data, &len, &e), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);

	put(path, "a,b\n1,2", 0600);
	assert_int_equal(store_slurp(path, &data, NULL, &e), 0);
	assert_string_equal(data, "a,b\n1,2");
	free(data);

	/* Bytes as they are, NUL included. */
	{
		int fd = open(path, O_WRONLY | O_TRUNC);
		assert_true(fd >= 0);
		assert_int_equal(store_write_all(fd, "a\0b", 3), 0);
		close(fd);
	}
	assert_int_equal(store_slurp(path, &data, &len, &e), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "a\0b", 4);
	free(data);

	/* Past the first buffer. */
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof big - 1] = '\0';
	for (size_t n = 8190; n <= 8194; n++) {
		char c = big[n];
		big[n] = '\0';
		put(path, big, 0600);
		assert_int_equal(store_slurp(path, &data, &len, &e), 0);
		assert_int_equal(len, n);
		assert_string_equal(data, big);
		free(data);
		big[n] = c;
	}
	put(path, big, 0600);
	assert_int_equal(store_slurp(path, &data, &len, &e), 0);
	assert_int_equal(len, sizeof big - 1);
	assert_string_equal(data, big);
	free(data);

	unlink(path);
	data = NULL;
	assert_int_equal(store_slurp(path, &data, &len, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	assert_null(data);
}

static void test_write_all(void **state)
{
	int fds[2];
	char got[8] = "";
	(void)state;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(store_write_all(fds[1], "hello", 5), 0);
	assert_int_equal(store_write_all(fds[1], "", 0), 0);
	close(fds[1]);
	assert_int_equal(read(fds[0], got, sizeof got - 1), 5);
	assert_string_equal(got, "hello");
	close(fds[0]);
	assert_int_equal(store_write_all(-1, "x", 1), -1);
}

/* ---- store_lock ---- */

/* In a child: try the lock and exit with the code (0 when it got it,
 * 75 for FC_TEMPFAIL with a "busy" message, 1 otherwise).  Once it holds
 * the lock it writes a byte to notify (when >= 0), then holds it hold_ms. */
/* The parent's lock, which a forked child must not keep open: the flock
 * belongs to the open file, and would outlive the parent's unlock. */
static int parent_lock_fd = -1;

static pid_t child_lock_notify(bool exclusive, const char *timeout,
                               long hold_ms, int notify)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store_lock l;
		struct fc_error e;
		int rc;
		if (parent_lock_fd >= 0)
			close(parent_lock_fd);
		setenv("FLASHCOOP_LOCK_TIMEOUT", timeout, 1);
		rc = store_lock(tmpdir, exclusive, &l, &e);
		if (rc == 0) {
			struct timespec ts = { hold_ms / 1000,
			                       (hold_ms % 1000) * 1000000L };
			if (notify >= 0 && write(notify, "!", 1) != 1)
				_exit(2);
			nanosleep(&ts, NULL);
			store_unlock(&l);
			_exit(0);
		}
		_exit(rc == FC_TEMPFAIL && e.code == FC_TEMPFAIL &&
		      strstr(e.msg, "busy") ? 75 : 1);
	}
	return pid;
}

static pid_t child_lock(bool exclusive, const char *timeout, long hold_ms)
{
	return child_lock_notify(exclusive, timeout, hold_ms, -1);
}

static int child_status(pid_t pid)
{
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void test_lock_exclusive(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char lockpath[600];
	(void)state;

	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	assert_true(l.fd >= 0);
	snprintf(lockpath, sizeof lockpath, "%s/.lock", tmpdir);
	assert_int_equal(access(lockpath, F_OK), 0);
	/* Another writer, another reader: busy. */
	assert_int_equal(child_status(child_lock(true, "0", 0)), FC_TEMPFAIL);
	assert_int_equal(child_status(child_lock(false, "0", 0)), FC_TEMPFAIL);
	store_unlock(&l);
	assert_int_equal(l.fd, -1);
	store_unlock(&l); /* twice is harmless */
	/* Free again. */
	assert_int_equal(child_status(child_lock(true, "0", 0)), 0);
	assert_int_equal(child_status(child_lock(false, "0", 0)), 0);
}

static void test_lock_shared(void **state)
{
	struct store_lock l;
	struct fc_error e;
	(void)state;

	assert_int_equal(store_lock(tmpdir, false, &l, &e), 0);
	/* Readers share; a writer waits, then gives up. */
	assert_int_equal(child_status(child_lock(false, "0", 0)), 0);
	assert_int_equal(child_status(child_lock(true, "0", 0)), FC_TEMPFAIL);
	store_unlock(&l);
	assert_int_equal(child_status(child_lock(true, "0", 0)), 0);
}

/* A writer waits for the lock to be let go, within its timeout. */
static void test_lock_waits(void **state)
{
	struct store_lock l;
	struct fc_error e;
	struct timespec ts = { 0, 300 * 1000000L }, t0, t1, t2, t3;
	pid_t pid, pid2;
	int fds[2], rc;
	char c;
	long waited;
	(void)state;

	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	parent_lock_fd = l.fd;
	pid = child_lock(true, "5", 0);
	parent_lock_fd = -1;
	nanosleep(&ts, NULL);
	store_unlock(&l);
	assert_int_equal(child_status(pid), 0);

	/* The other way round: the child holds it 400 ms, we wait. */
	assert_int_equal(pipe(fds), 0);
	pid = child_lock_notify(true, "0", 400, fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	close(fds[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	setenv("FLASHCOOP_LOCK_TIMEOUT", "5", 1);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_unlock(&l);
	/* ... and it stops waiting when the timeout is over. */
	pid2 = child_lock(true, "0", 1500);
	nanosleep(&ts, NULL);
	setenv("FLASHCOOP_LOCK_TIMEOUT", "1", 1);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	rc = store_lock(tmpdir, true, &l, &e);
	clock_gettime(CLOCK_MONOTONIC, &t3);
	unsetenv("FLASHCOOP_LOCK_TIMEOUT");
	assert_int_equal(child_status(pid), 0);
	assert_int_equal(child_status(pid2), 0);
	waited = (t1.tv_sec - t0.tv_sec) * 1000 +
	         (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(waited >= 200);
	assert_int_equal(rc, FC_TEMPFAIL);
	assert_int_equal(e.code, FC_TEMPFAIL);
	waited = (t3.tv_sec - t2.tv_sec) * 1000 +
	         (t3.tv_nsec - t2.tv_nsec) / 1000000;
	assert_true(waited >= 900 && waited < 1450);
}

static void test_lock_no_folder(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char dir[600];
	(void)state;

	snprintf(dir, sizeof dir, "%s/missing", tmpdir);
	assert_int_equal(store_lock(dir, true, &l, &e), FC_IOERR);
	assert_int_equal(l.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_append, fresh),
		cmocka_unit_test_setup(test_append_missing, fresh),
		cmocka_unit_test_setup(test_append_large, fresh),
		cmocka_unit_test_setup(test_replace_creates_with_mode, fresh),
		cmocka_unit_test_setup(test_replace_keeps_mode, fresh),
		cmocka_unit_test_setup(test_replace_keeps_mode_umask, fresh),
		cmocka_unit_test_setup(test_replace_errors, fresh),
		cmocka_unit_test_setup(test_commit, fresh),
		cmocka_unit_test_setup(test_commit_recovery, fresh),
		cmocka_unit_test_setup(test_journal_foreign, fresh),
		cmocka_unit_test_setup(test_journal_stale, fresh),
		cmocka_unit_test_setup(test_journal_given_up, fresh),
		cmocka_unit_test_setup(test_journal_new_file, fresh),
		cmocka_unit_test_setup(test_orphans, fresh),
		cmocka_unit_test_setup(test_links, fresh),
		cmocka_unit_test_setup(test_personal_mode, fresh),
		cmocka_unit_test_setup(test_note, fresh),
		cmocka_unit_test_setup(test_slurp, fresh),
		cmocka_unit_test(test_write_all),
		cmocka_unit_test(test_lock_exclusive),
		cmocka_unit_test(test_lock_shared),
		cmocka_unit_test(test_lock_waits),
		cmocka_unit_test(test_lock_no_folder),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
