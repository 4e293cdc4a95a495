/*
 * Unit tests for lib/note.c: the note of a project's files kept in the
 * lock file when a command found them sound, so that the next writer need
 * not read them again while they are as noted.  The note is a line per
 * file of the layout, in its order: "NAME -" for a file that is not
 * there, else "NAME INODE SIZE MTIME CTIME DIGEST" (times to the
 * nanosecond, the digest an FNV-1a of the last 4 KB); any change to a
 * file, or a file come or gone, makes it not hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/note.h"
#include "flashcoop/store.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-note-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static const char *at(const char *name)
{
	static char ring[4][PATH_MAX];
	static int i;
	i = (i + 1) % 4;
	snprintf(ring[i], sizeof ring[i], "%s/%s", tmpdir, name);
	return ring[i];
}

/* Each test starts with the files of a small project and no lock. */
static int fresh(void **state)
{
	(void)state;
	for (size_t i = 0; i < layout_nfiles; i++)
		unlink(at(layout_files[i].name));
	unlink(at(PROJECT_LOCK));
	unlink(at("copy"));
	rmdir(at(PROJECT_HOURS));
	return 0;
}

static void put(const char *name, const char *data, size_t len)
{
	int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void puts_file(const char *name, const char *text)
{
	put(name, text, strlen(text));
}

static uint64_t fnv1a(const char *data, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 1099511628211ULL;
	return h;
}

/* The line a note gives name, as it is now, holding data. */
static void line_now(char *buf, size_t size, const char *name,
                     const char *data, size_t len)
{
	struct stat st;
	size_t tail = len > 4096 ? 4096 : len;

	assert_int_equal(lstat(at(name), &st), 0);
	snprintf(buf, size, "%s %llu %lld %lld.%09ld %lld.%09ld %016llx\n", name,
	         (unsigned long long)st.st_ino, (long long)st.st_size,
	         (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	         (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
	         (unsigned long long)fnv1a(data + len - tail, tail));
}

#define INI "[flashcoop]\nid = FC-1\n"
#define LEDGER "id,date\nS00001,2026-05-05\n"

static void test_take(void **state)
{
	char note[NOTE_SIZE], want[NOTE_SIZE], line[512];
	static char big[5000];
	const char *nl;
	(void)state;

	puts_file(PROJECT_INI, INI);
	puts_file(PROJECT_LEDGER, LEDGER);
	/* 5000 bytes: only the last 4096 are digested. */
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	put(PROJECT_HOURS, big, sizeof big);
	/* An empty file: the digest of nothing, the offset basis. */
	put(PROJECT_CLOSING_INI, "", 0);
	assert_int_equal(note_take(tmpdir, note, sizeof note), 0);

	/* The first line says what it is. */
	assert_true(strncmp(note, "flashcoop ", 10) == 0);
	nl = strchr(note, '\n');
	assert_non_null(nl);
	{
		static const char end[] = ": the files as last found sound";
		assert_true(nl - note > (ptrdiff_t)sizeof end);
		assert_memory_equal(nl - (sizeof end - 1), end, sizeof end - 1);
	}
	/* Then the layout's files, in its order. */
	want[0] = '\0';
	line_now(line, sizeof line, PROJECT_INI, INI, strlen(INI));
	strcat(want, line);
	strcat(want, "participants.csv -\n");
	line_now(line, sizeof line, PROJECT_LEDGER, LEDGER, strlen(LEDGER));
	strcat(want, line);
	line_now(line, sizeof line, PROJECT_HOURS, big, sizeof big);
	strcat(want, line);
	strcat(want, "production.csv -\n");
	strcat(want, "terminals.csv -\ndays.csv -\nclosing.csv -\n");
	line_now(line, sizeof line, PROJECT_CLOSING_INI, "", 0);
	strcat(want, line);
	assert_string_equal(nl + 1, want);
	assert_non_null(strstr(want, " 5000 "));
	/* The empty file's digest is FNV-1a's offset basis,
	 * 14695981039346656037 (0xcbf29ce484222325). */
	assert_non_null(strstr(want, " cbf29ce484222325\n"));
	/* The same files, the same note. */
	{
		char again[NOTE_SIZE];
		assert_int_equal(note_take(tmpdir, again, sizeof again), 0);
		assert_string_equal(again, note);
	}
}

/* A note that cannot see every file is no note: -1, an empty buffer. */
static void test_take_refused(void **state)
{
	char note[NOTE_SIZE];
	(void)state;

	puts_file(PROJECT_INI, INI);
	/* A link where a file should be (even to a file). */
	puts_file("copy", LEDGER);
	assert_int_equal(symlink("copy", at(PROJECT_LEDGER)), 0);
	strcpy(note, "old");
	assert_int_equal(note_take(tmpdir, note, sizeof note), -1);
	assert_string_equal(note, "");
	unlink(at(PROJECT_LEDGER));
	/* A folder where a file should be. */
	assert_int_equal(mkdir(at(PROJECT_HOURS), 0755), 0);
	assert_int_equal(note_take(tmpdir, note, sizeof note), -1);
	assert_string_equal(note, "");
	assert_int_equal(rmdir(at(PROJECT_HOURS)), 0);
	/* A buffer too small: for the first line, for the rest. */
	assert_int_equal(note_take(tmpdir, note, 10), -1);
	assert_int_equal(note_take(tmpdir, note, 80), -1);
	assert_string_equal(note, "");
	assert_int_equal(note_take(tmpdir, note, sizeof note), 0);
	/* A folder that is not there: every file absent, a note of that. */
	{
		char none[PATH_MAX];
		snprintf(none, sizeof none, "%s/none", tmpdir);
		assert_int_equal(note_take(none, note, sizeof note), 0);
		assert_non_null(strstr(note, "\nflashcoop.ini -\n"
		                       "participants.csv -\nledger.csv -\n"
		                       "hours.csv -\nproduction.csv -\n"
		                       "terminals.csv -\ndays.csv -\n"
		                       "closing.csv -\n"
		                       "closing.ini -\n"));
	}
}

static bool holds(void)
{
	struct store_lock l;
	struct fc_error e;
	bool h;

	if (store_lock(tmpdir, false, &l, &e) != 0)
		fail_msg("store_lock: %s", e.msg);
	h = note_holds(tmpdir, &l);
	store_unlock(&l);
	return h;
}

/* Take a note, and keep it when the files did not change meanwhile. */
static void keep(void)
{
	struct store_lock l;
	struct fc_error e;
	char before[NOTE_SIZE];

	if (store_lock(tmpdir, true, &l, &e) != 0)
		fail_msg("store_lock: %s", e.msg);
	assert_int_equal(note_take(tmpdir, before, sizeof before), 0);
	note_keep(tmpdir, &l, before);
	store_unlock(&l);
}

static void test_holds(void **state)
{
	(void)state;

	puts_file(PROJECT_INI, INI);
	puts_file(PROJECT_LEDGER, LEDGER);
	puts_file(PROJECT_HOURS, "id\n");
	/* No note yet. */
	assert_false(holds());
	keep();
	assert_true(holds());
	assert_true(holds());

	/* A row appended. */
	{
		int fd = open(at(PROJECT_LEDGER), O_WRONLY | O_APPEND);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, "S00002,2026-05-06\n", 18), 18);
		close(fd);
	}
	assert_false(holds());
	keep();
	assert_true(holds());

	/* The same size, one byte changed in place. */
	{
		int fd = open(at(PROJECT_LEDGER), O_WRONLY);
		assert_true(fd >= 0);
		assert_int_equal(pwrite(fd, "9", 1, 23), 1);
		close(fd);
	}
	assert_false(holds());
	keep();
	assert_true(holds());

	/* The very same bytes put back under a new inode (git checkout). */
	{
		char *data;
		size_t len;
		struct fc_error e;
		assert_int_equal(store_slurp(at(PROJECT_HOURS), &data, &len, &e),
		                 0);
		put("copy", data, len);
		free(data);
		assert_int_equal(rename(at("copy"), at(PROJECT_HOURS)), 0);
	}
	assert_false(holds());
	keep();
	assert_true(holds());

	/* A file comes (a closing), a file goes. */
	puts_file(PROJECT_CLOSING_INI, "[closing]\n");
	assert_false(holds());
	keep();
	assert_true(holds());
	assert_int_equal(unlink(at(PROJECT_CLOSING_INI)), 0);
	assert_false(holds());
}

/* A note taken before a change is not kept after it: the files were read
 * as they were, not as they are. */
static void test_keep_only_unchanged(void **state)
{
	struct store_lock l;
	struct fc_error e;
	char before[NOTE_SIZE];
	(void)state;

	puts_file(PROJECT_INI, INI);
	puts_file(PROJECT_LEDGER, LEDGER);
	assert_int_equal(store_lock(tmpdir, true, &l, &e), 0);
	assert_int_equal(note_take(tmpdir, before, sizeof before), 0);
	puts_file(PROJECT_LEDGER, LEDGER "S00002,2026-05-06\n");
	note_keep(tmpdir, &l, before);
	/* Nothing noted. */
	{
		char got[NOTE_SIZE];
		assert_int_equal(store_note_get(&l, got, sizeof got), -1);
	}
	assert_false(note_holds(tmpdir, &l));
	/* An empty note (none could be taken) is not kept either. */
	note_keep(tmpdir, &l, "");
	assert_false(note_holds(tmpdir, &l));
	store_unlock(&l);
	assert_false(holds());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_take, fresh),
		cmocka_unit_test_setup(test_take_refused, fresh),
		cmocka_unit_test_setup(test_holds, fresh),
		cmocka_unit_test_setup(test_keep_only_unchanged, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
