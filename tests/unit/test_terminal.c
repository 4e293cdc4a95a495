/*
 * Unit tests for lib/terminal.c: the copies of a project that write
 * (SPEC §5).  A terminal's name is 1 to 12 of a-z, 0-9 and '-', a letter
 * first; terminals.csv lists them (terminal,public_key,declared_at), each
 * row checked and a bad one refused (65) naming file:line; which terminal
 * this copy is lives in .flashcoop/terminal with the inode of the folder
 * it was declared in, so that a copy of the folder made elsewhere is no
 * terminal (66, with the one command that declares it) and a file not of
 * ours is refused (65).
 *
 * Everything happens in a temporary folder; $XDG_CONFIG_HOME points into
 * it (no key is made here, but nothing may reach the real one).
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
#include "flashcoop/terminal.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-terminal-XXXXXX";
static char dir[128];            /* the project: tmpdir/p */

/* Two public keys of the form (RFC 8032's test 1 and 2). */
#define KEY1 "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
#define KEY2 "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
#define AT1 "2026-05-04T09:00:00+02:00"
#define AT2 "2026-05-08T18:30:12+02:00"

static int setup(void **state)
{
	char xdg[256];
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/p", tmpdir);
	snprintf(xdg, sizeof xdg, "%s/config", tmpdir);
	umask(022);
	return setenv("XDG_CONFIG_HOME", xdg, 1);
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* dir anew, empty. */
static int fresh(void **state)
{
	(void)state;
	test_rm_tree(dir);
	return mkdir(dir, 0755);
}

static const char *in(const char *folder, const char *name)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", folder, name);
	return path;
}

static void write_in(const char *folder, const char *name, const char *text)
{
	FILE *f = fopen(in(folder, name), "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static char *read_in(const char *folder, const char *name)
{
	static char text[4096];
	FILE *f = fopen(in(folder, name), "rb");
	size_t n;

	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* ---- names ---- */

static void test_name_valid(void **state)
{
	static const char *const good[] = {
		"main", "stand", "a", "z", "stand-2", "a1", "office-lyon",
		"a23456789012",   /* 12 */
		"a-", "b--", "x0-9",
	};
	static const char *const bad[] = {
		"", "Main", "STAND", "1stand", "-stand", "0", "a234567890123",
		"stand_2", "stand 2", "stand.2", "st/and", "caf\xc3\xa9",
		" main", "main ", "main\n", "a234567890123456789",
	};
	(void)state;

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (!terminal_name_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (terminal_name_valid(bad[i]))
			fail_msg("'%s' taken for a name", bad[i]);
	/* The size constant: 12 characters and a NUL. */
	assert_int_equal(TERMINAL_SIZE, 13);
}

/* ---- terminals.csv ---- */

static void test_load_missing(void **state)
{
	struct terminals t;
	struct fc_error e = { 0, "" };
	(void)state;

	/* Filled with garbage first: the call resets it. */
	memset(&t, 0x5a, sizeof t);
	assert_int_equal(terminals_load(dir, &t, &e), 0);
	assert_false(t.present);
	assert_int_equal(t.n, 0);
	assert_null(t.v);
	assert_int_equal(terminals_find(&t, "main"), -1);
	terminals_free(&t);
}

static void test_load_good(void **state)
{
	struct terminals t;
	struct fc_error e = { 0, "" };
	(void)state;

	write_in(dir, PROJECT_TERMINALS, TERMINALS_HEADER "\n"
	         "main," KEY1 "," AT1 "\n"
	         "stand," KEY2 "," AT2 "\n");
	if (terminals_load(dir, &t, &e) != 0)
		fail_msg("refused: %s", e.msg);
	assert_true(t.present);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[0].name, "main");
	assert_string_equal(t.v[0].public_key, KEY1);
	assert_string_equal(t.v[0].declared_at, AT1);
	assert_int_equal(t.v[0].line, 2);
	assert_string_equal(t.v[1].name, "stand");
	assert_string_equal(t.v[1].public_key, KEY2);
	assert_string_equal(t.v[1].declared_at, AT2);
	assert_int_equal(t.v[1].line, 3);
	assert_int_equal(terminals_find(&t, "main"), 0);
	assert_int_equal(terminals_find(&t, "stand"), 1);
	assert_int_equal(terminals_find(&t, "Stand"), -1);
	assert_int_equal(terminals_find(&t, "stan"), -1);
	assert_int_equal(terminals_find(&t, ""), -1);
	terminals_free(&t);
	assert_int_equal(t.n, 0);
	assert_null(t.v);
	assert_false(t.present);

	/* Columns found by name, in any order, one more ignored. */
	write_in(dir, PROJECT_TERMINALS, "declared_at,comment,public_key,"
	         "terminal\n" AT1 ",the office," KEY1 ",office\n");
	if (terminals_load(dir, &t, &e) != 0)
		fail_msg("refused: %s", e.msg);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.v[0].name, "office");
	assert_string_equal(t.v[0].public_key, KEY1);
	assert_string_equal(t.v[0].declared_at, AT1);
	terminals_free(&t);
}

/* terminals.csv holding text is refused, 65, with a message holding
 * want; nothing is left loaded. */
static void load_bad(const char *text, const char *want)
{
	struct terminals t;
	struct fc_error e = { 0, "" };
	int rc;

	write_in(dir, PROJECT_TERMINALS, text);
	rc = terminals_load(dir, &t, &e);
	if (rc != FC_DATAERR || e.code != FC_DATAERR)
		fail_msg("rc %d, want 65 saying \"%s\" for:\n%s", rc, want, text);
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, want);
	/* It names the file, in the project folder. */
	if (!strstr(e.msg, in(dir, PROJECT_TERMINALS)))
		fail_msg("\"%s\" does not name %s", e.msg,
		         in(dir, PROJECT_TERMINALS));
	assert_int_equal(t.n, 0);
	assert_null(t.v);
}

static void test_load_refusals(void **state)
{
	(void)state;
	/* A bad name, on line 3 (the second terminal). */
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "," AT1 "\n"
	         "Stand," KEY2 "," AT2 "\n",
	         "terminals.csv:3: terminal 'Stand' is not a name (1 to 12 of "
	         "a-z, 0-9 and -, a letter first)");
	load_bad(TERMINALS_HEADER "\n2nd," KEY1 "," AT1 "\n",
	         "terminals.csv:2: terminal '2nd' is not a name");
	load_bad(TERMINALS_HEADER "\n," KEY1 "," AT1 "\n",
	         "terminals.csv:2: terminal '' is not a name");
	load_bad(TERMINALS_HEADER "\nstand-of-lyon," KEY1 "," AT1 "\n",
	         "terminals.csv:2: terminal 'stand-of-lyon' is not a name");
	/* Twice, even with another key. */
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "," AT1 "\n"
	         "stand," KEY2 "," AT2 "\nmain," KEY2 "," AT2 "\n",
	         "terminals.csv:4: terminal main is declared twice");
	/* Keys: 63 digits, 65, uppercase, not hex, empty. */
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "," AT1 "\nstand,"
	         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660,"
	         AT2 "\n",
	         "terminals.csv:3: public_key of stand is not 64 lowercase hex "
	         "digits");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "0," AT1 "\n",
	         "terminals.csv:2: public_key of main is not 64 lowercase hex");
	load_bad(TERMINALS_HEADER "\nmain,"
	         "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A,"
	         AT1 "\n",
	         "terminals.csv:2: public_key of main is not 64 lowercase hex");
	load_bad(TERMINALS_HEADER "\nmain,"
	         "g75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,"
	         AT1 "\n",
	         "terminals.csv:2: public_key of main is not 64 lowercase hex");
	load_bad(TERMINALS_HEADER "\nmain,," AT1 "\n",
	         "terminals.csv:2: public_key of main is not 64 lowercase hex");
	/* Times: a space for the T, no offset, 'Z', a 13th month. */
	load_bad(TERMINALS_HEADER "\nmain," KEY1 ",2026-05-04 09:00:00+02:00\n",
	         "terminals.csv:2: declared_at '2026-05-04 09:00:00+02:00' is "
	         "not a time such as 2026-05-09T16:42:07+02:00");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "," AT1 "\nstand," KEY2
	         ",2026-05-08T18:30:12\n",
	         "terminals.csv:3: declared_at '2026-05-08T18:30:12' is not a "
	         "time");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 ",2026-05-04T09:00:00Z\n",
	         "terminals.csv:2: declared_at '2026-05-04T09:00:00Z' is not");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 ",2026-13-04T09:00:00+02:00\n",
	         "terminals.csv:2: declared_at '2026-13-04T09:00:00+02:00'");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 ",\n",
	         "terminals.csv:2: declared_at '' is not");
	/* No rows: a chained project has its first terminal. */
	load_bad(TERMINALS_HEADER "\n", "terminals.csv: no terminal declared");
	/* A column missing from the header. */
	load_bad("terminal,declared_at\nmain," AT1 "\n",
	         "terminals.csv:1: column 'public_key' is missing");
	load_bad("public_key,declared_at\n" KEY1 "," AT1 "\n",
	         "terminals.csv:1: column 'terminal' is missing");
	/* A project's file: no CR, the last line ends with its newline. */
	load_bad(TERMINALS_HEADER "\r\nmain," KEY1 "," AT1 "\r\n",
	         "terminals.csv");
	load_bad(TERMINALS_HEADER "\nmain," KEY1 "," AT1, "terminals.csv:2");
}

static void test_load_link(void **state)
{
	struct terminals t;
	struct fc_error e = { 0, "" };
	char target[PATH_MAX];
	(void)state;

	/* A symbolic link where terminals.csv goes is not followed. */
	snprintf(target, sizeof target, "%s/elsewhere.csv", tmpdir);
	write_in(tmpdir, "elsewhere.csv", TERMINALS_HEADER "\nmain," KEY1 ","
	         AT1 "\n");
	assert_int_equal(symlink(target, in(dir, PROJECT_TERMINALS)), 0);
	assert_int_equal(terminals_load(dir, &t, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_int_equal(t.n, 0);
	unlink(target);
}

static void test_line(void **state)
{
	char buf[256], small[20];
	(void)state;

	assert_int_equal(terminals_line(buf, sizeof buf, "stand", KEY2, AT2), 0);
	assert_string_equal(buf, "stand," KEY2 "," AT2 "\n");
	/* 5 + 1 + 64 + 1 + 25 + 1 = 97 characters, and the NUL. */
	assert_int_equal(strlen(buf), 97);
	assert_int_equal(terminals_line(buf, 98, "stand", KEY2, AT2), 0);
	assert_int_equal(terminals_line(buf, 97, "stand", KEY2, AT2), -1);
	assert_int_equal(terminals_line(small, sizeof small, "stand", KEY2, AT2),
	                 -1);
	assert_int_equal(terminals_line(buf, sizeof buf, "stand", KEY2, AT2), 0);
	/* The line reads back. */
	{
		struct terminals t;
		struct fc_error e = { 0, "" };
		char text[1024];
		char l1[256];
		assert_int_equal(terminals_line(l1, sizeof l1, "main", KEY1, AT1), 0);
		snprintf(text, sizeof text, TERMINALS_HEADER "\n%s%s", l1, buf);
		write_in(dir, PROJECT_TERMINALS, text);
		if (terminals_load(dir, &t, &e) != 0)
			fail_msg("refused: %s", e.msg);
		assert_int_equal(t.n, 2);
		assert_string_equal(t.v[1].name, "stand");
		terminals_free(&t);
	}
}

/* ---- this copy ---- */

static unsigned long long inode_of(const char *folder)
{
	struct stat st;
	assert_int_equal(stat(folder, &st), 0);
	return (unsigned long long)st.st_ino;
}

static void test_declare(void **state)
{
	struct fc_error e = { 0, "" };
	char name[TERMINAL_SIZE], want[256];
	struct stat st;
	(void)state;

	/* Nothing declared yet: 0, the name emptied. */
	memcpy(name, "garbage", 8);
	assert_int_equal(terminal_declared(dir, name, &e), 0);
	assert_string_equal(name, "");

	assert_int_equal(terminal_declare_here(dir, "stand", &e), 0);
	/* .flashcoop made 0700 (umask 022), the file 0644, exactly: */
	assert_int_equal(lstat(in(dir, PROJECT_LOCAL), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(lstat(in(dir, PROJECT_TERMINAL_FILE), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	snprintf(want, sizeof want, "flashcoop terminal 1\nterminal stand\n"
	         "folder %llu\n", inode_of(dir));
	assert_string_equal(read_in(dir, PROJECT_TERMINAL_FILE), want);

	assert_int_equal(terminal_declared(dir, name, &e), 1);
	assert_string_equal(name, "stand");
	memset(name, 0, sizeof name);
	assert_int_equal(terminal_here(dir, name, &e), 0);
	assert_string_equal(name, "stand");

	/* Declared again: the new name replaces the old. */
	assert_int_equal(terminal_declare_here(dir, "office", &e), 0);
	assert_int_equal(terminal_declared(dir, name, &e), 1);
	assert_string_equal(name, "office");
}

static void test_declare_moved(void **state)
{
	struct fc_error e = { 0, "" };
	char name[TERMINAL_SIZE], moved[256];
	(void)state;

	/* A folder moved (renamed) keeps its inode: it is the terminal still
	 * (flashcoop-init's note: "a terminal's folder moved"). */
	assert_int_equal(terminal_declare_here(dir, "main", &e), 0);
	snprintf(moved, sizeof moved, "%s/moved", tmpdir);
	assert_int_equal(rename(dir, moved), 0);
	assert_int_equal(terminal_here(moved, name, &e), 0);
	assert_string_equal(name, "main");
	assert_int_equal(rename(moved, dir), 0);
}

/* terminal_here says 66 with the one command to run. */
static void here_none(const char *folder)
{
	struct fc_error e = { 0, "" };
	char name[TERMINAL_SIZE], cmd[512];

	memcpy(name, "garbage", 8);
	assert_int_equal(terminal_declared(folder, name, &e), 0);
	assert_string_equal(name, "");
	memcpy(name, "garbage", 8);
	assert_int_equal(terminal_here(folder, name, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	assert_string_equal(name, "");
	if (!strstr(e.msg, "this copy of the project is no terminal yet (or "
	            "its declaration was copied from another folder): declare "
	            "it with 'flashcoop-init -C "))
		fail_msg("%s", e.msg);
	snprintf(cmd, sizeof cmd, "-C %s --terminal NAME', a name of its own",
	         folder);
	if (!strstr(e.msg, cmd))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, cmd);
	/* It starts with the folder. */
	assert_memory_equal(e.msg, folder, strlen(folder));
}

static void test_here_missing(void **state)
{
	(void)state;
	/* No .flashcoop at all. */
	here_none(dir);
	/* An empty .flashcoop. */
	assert_int_equal(mkdir(in(dir, PROJECT_LOCAL), 0700), 0);
	here_none(dir);
}

static void test_here_copied(void **state)
{
	struct fc_error e = { 0, "" };
	char copy[256], copy_local[300], name[TERMINAL_SIZE], text[4096];
	(void)state;

	/* cp -r p copy: the declaration comes along, the inode does not. */
	assert_int_equal(terminal_declare_here(dir, "main", &e), 0);
	snprintf(text, sizeof text, "%s", read_in(dir, PROJECT_TERMINAL_FILE));
	snprintf(copy, sizeof copy, "%s/copy", tmpdir);
	snprintf(copy_local, sizeof copy_local, "%s/%s", copy, PROJECT_LOCAL);
	assert_int_equal(mkdir(copy, 0755), 0);
	assert_int_equal(mkdir(copy_local, 0700), 0);
	write_in(copy, PROJECT_TERMINAL_FILE, text);
	here_none(copy);
	/* The original is the terminal still. */
	assert_int_equal(terminal_here(dir, name, &e), 0);
	assert_string_equal(name, "main");
	/* Declared in the copy, it is a terminal of its own. */
	assert_int_equal(terminal_declare_here(copy, "stand", &e), 0);
	assert_int_equal(terminal_here(copy, name, &e), 0);
	assert_string_equal(name, "stand");
	test_rm_tree(copy);
}

/* A declaration of text is refused, 65, naming its path. */
static void corrupt(const char *text)
{
	struct fc_error e = { 0, "" };
	char name[TERMINAL_SIZE];
	int rc;

	write_in(dir, PROJECT_TERMINAL_FILE, text);
	rc = terminal_declared(dir, name, &e);
	if (rc != FC_DATAERR)
		fail_msg("terminal_declared = %d for \"%s\", want 65", rc, text);
	assert_non_null(strstr(e.msg, "not a declaration of flashcoop's"));
	assert_non_null(strstr(e.msg, in(dir, PROJECT_TERMINAL_FILE)));
	assert_string_equal(name, "");
	assert_int_equal(terminal_here(dir, name, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "not a declaration of flashcoop's"));
}

static void test_here_corrupt(void **state)
{
	struct fc_error e = { 0, "" };
	char text[256];
	unsigned long long ino = inode_of(dir);
	(void)state;

	assert_int_equal(mkdir(in(dir, PROJECT_LOCAL), 0700), 0);
	corrupt("");
	corrupt("garbage\n");
	corrupt("main\n");
	snprintf(text, sizeof text, "flashcoop terminal 2\nterminal main\n"
	         "folder %llu\n", ino);
	corrupt(text);
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal Main\n"
	         "folder %llu\n", ino);
	corrupt(text);
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal 1main\n"
	         "folder %llu\n", ino);
	corrupt(text);
	/* 13 characters. */
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal "
	         "a234567890123\nfolder %llu\n", ino);
	corrupt(text);
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal main\n");
	corrupt(text);
	corrupt("flashcoop terminal 1\nterminal main\nfolder here\n");
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal main\n"
	         "folder %llu\nterminal stand\n", ino);
	corrupt(text);
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal main\n"
	         "folder %llux\n", ino);
	corrupt(text);
	/* The same, exactly as written, is read. */
	snprintf(text, sizeof text, "flashcoop terminal 1\nterminal main\n"
	         "folder %llu\n", ino);
	write_in(dir, PROJECT_TERMINAL_FILE, text);
	{
		char name[TERMINAL_SIZE];
		assert_int_equal(terminal_declared(dir, name, &e), 1);
		assert_string_equal(name, "main");
	}
}

static void test_declare_refused(void **state)
{
	struct fc_error e = { 0, "" };
	char name[TERMINAL_SIZE], target[256];
	(void)state;

	/* A folder that is not there: 66. */
	assert_int_equal(terminal_declare_here(in(tmpdir, "nowhere"), "main",
	                                       &e), FC_NOINPUT);
	/* .flashcoop is a file: 73, nothing written. */
	write_in(dir, PROJECT_LOCAL, "not a folder\n");
	assert_int_equal(terminal_declare_here(dir, "main", &e), FC_CANTCREAT);
	assert_non_null(strstr(e.msg, "not a folder"));
	assert_string_equal(read_in(dir, PROJECT_LOCAL), "not a folder\n");
	assert_int_equal(unlink(in(dir, PROJECT_LOCAL)), 0);
	/* .flashcoop a link to a folder elsewhere: not followed, 73. */
	snprintf(target, sizeof target, "%s/other-local", tmpdir);
	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(symlink(target, in(dir, PROJECT_LOCAL)), 0);
	assert_int_equal(terminal_declare_here(dir, "main", &e), FC_CANTCREAT);
	assert_int_equal(access(in(target, "terminal"), F_OK), -1);
	assert_int_equal(unlink(in(dir, PROJECT_LOCAL)), 0);
	assert_int_equal(rmdir(target), 0);
	/* The declaration a link: refused, not followed. */
	assert_int_equal(terminal_declare_here(dir, "main", &e), 0);
	snprintf(target, sizeof target, "%s/decl", tmpdir);
	assert_int_equal(rename(in(dir, PROJECT_TERMINAL_FILE), target), 0);
	assert_int_equal(symlink(target, in(dir, PROJECT_TERMINAL_FILE)), 0);
	assert_int_equal(terminal_declared(dir, name, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "symbolic link"));
	assert_int_equal(unlink(target), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test_setup(test_load_missing, fresh),
		cmocka_unit_test_setup(test_load_good, fresh),
		cmocka_unit_test_setup(test_load_refusals, fresh),
		cmocka_unit_test_setup(test_load_link, fresh),
		cmocka_unit_test_setup(test_line, fresh),
		cmocka_unit_test_setup(test_declare, fresh),
		cmocka_unit_test_setup(test_declare_moved, fresh),
		cmocka_unit_test_setup(test_here_missing, fresh),
		cmocka_unit_test_setup(test_here_copied, fresh),
		cmocka_unit_test_setup(test_here_corrupt, fresh),
		cmocka_unit_test_setup(test_declare_refused, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
