/*
 * Unit tests for lib/sign.c: where a terminal's key lives, its file
 * (created 0600 in 0700 folders, never replaced, read only from a private
 * regular file of the exact form), and Ed25519 signatures in hex against
 * RFC 8032's test vectors.  $HOME is a temporary folder: the tests never
 * touch the real ~/.config.
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
#include <unistd.h>

#include "flashcoop/error.h"
#include "flashcoop/sign.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-sign-XXXXXX";
static char home[256];
static char keys[512];   /* $HOME/.config/flashcoop/keys */

#define MAGIC "flashcoop ed25519 key 1\n"

/* RFC 8032, 7.1, TEST 1 and TEST 2. */
#define T1_SEED "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
#define T1_PUBLIC "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
#define T1_SIG "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901" \
               "555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
#define T2_SEED "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"
#define T2_PUBLIC "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"
#define T2_SIG "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69" \
               "da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir) || chdir(tmpdir) < 0)
		return -1;
	snprintf(home, sizeof home, "%s/home", tmpdir);
	snprintf(keys, sizeof keys, "%s/.config/flashcoop/keys", home);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* Each test: an empty $HOME, no $XDG_CONFIG_HOME, umask 022. */
static int fresh(void **state)
{
	(void)state;
	umask(022);
	test_rm_tree(home);
	if (mkdir(home, 0755) < 0 || setenv("HOME", home, 1) < 0 ||
	    unsetenv("XDG_CONFIG_HOME") < 0)
		return -1;
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

/* The whole (small) file as a string. */
static void get(const char *p, char *buf, size_t size)
{
	int fd = open(p, O_RDONLY);
	ssize_t n;
	assert_true(fd >= 0);
	n = read(fd, buf, size - 1);
	assert_true(n >= 0);
	buf[n] = '\0';
	close(fd);
}

static mode_t mode_of(const char *p)
{
	struct stat st;
	assert_int_equal(lstat(p, &st), 0);
	return st.st_mode & 07777;
}

/* How many entries a folder holds (. and .. aside). */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	const struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(s + 2 * i, "%2x", &v), 1);
		out[i] = (unsigned char)v;
	}
}

static void key_path(const char *project, const char *terminal, char *buf,
                     size_t size)
{
	struct fc_error e;
	assert_int_equal(sign_key_path(project, terminal, buf, size, &e), 0);
}

/* ---- the path ---- */

static void test_path_xdg(void **state)
{
	char buf[PATH_MAX];
	struct fc_error e;
	(void)state;

	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	assert_int_equal(sign_key_path("2026-05-lyon", "stand", buf, sizeof buf,
	                               &e), 0);
	assert_string_equal(buf, "/srv/cfg/flashcoop/keys/2026-05-lyon/stand.key");
}

static void test_path_home(void **state)
{
	char buf[PATH_MAX], want[PATH_MAX];
	struct fc_error e;
	(void)state;

	snprintf(want, sizeof want, "%s/.config/flashcoop/keys/p1/main.key", home);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e), 0);
	assert_string_equal(buf, want);
	/* An empty $XDG_CONFIG_HOME is as good as none. */
	setenv("XDG_CONFIG_HOME", "", 1);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e), 0);
	assert_string_equal(buf, want);
}

static void test_path_relative_xdg(void **state)
{
	char buf[PATH_MAX], want[PATH_MAX];
	struct fc_error e;
	(void)state;

	snprintf(want, sizeof want, "%s/.config/flashcoop/keys/p1/main.key", home);
	setenv("XDG_CONFIG_HOME", "cfg", 1);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e), 0);
	assert_string_equal(buf, want);
	setenv("XDG_CONFIG_HOME", "./cfg", 1);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e), 0);
	assert_string_equal(buf, want);
}

static void test_path_no_folder(void **state)
{
	char buf[PATH_MAX];
	struct fc_error e;
	(void)state;

	unsetenv("HOME");
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e),
	                 FC_NOINPUT);
	assert_non_null(strstr(e.msg, "$HOME"));
	setenv("HOME", "", 1);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e),
	                 FC_NOINPUT);
	/* A relative $HOME would put the key where the command runs: maybe
	 * the project folder. */
	setenv("HOME", "relhome", 1);
	setenv("XDG_CONFIG_HOME", "relcfg", 1);
	assert_int_equal(sign_key_path("p1", "main", buf, sizeof buf, &e),
	                 FC_NOINPUT);
	/* Nor does create make anything (the tests run in tmpdir). */
	assert_int_equal(sign_key_create("p1", "main", &(struct sign_key){ 0 },
	                                 &e), FC_NOINPUT);
	assert_int_equal(access("relhome", F_OK), -1);
	assert_int_equal(access("relcfg", F_OK), -1);
}

static void test_path_bad_ids(void **state)
{
	static const char *const bad[] = { "", ".", "..", "a/b", "/", "../x",
	                                   "x/", NULL };
	char buf[PATH_MAX];
	struct fc_error e;
	struct sign_key k;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(sign_key_path(bad[i], "main", buf, sizeof buf, &e),
		                 FC_DATAERR);
		assert_non_null(strstr(e.msg, "project id"));
		assert_int_equal(sign_key_path("p1", bad[i], buf, sizeof buf, &e),
		                 FC_DATAERR);
		assert_non_null(strstr(e.msg, "terminal"));
		assert_int_equal(sign_key_create(bad[i], "main", &k, &e), FC_DATAERR);
		assert_int_equal(sign_key_create("p1", bad[i], &k, &e), FC_DATAERR);
		assert_int_equal(sign_key_load("p1", bad[i], &k, &e), FC_DATAERR);
	}
	assert_int_equal(entries(home), 0);
	/* Dots inside a name stay in the folder. */
	assert_int_equal(sign_key_path("...", "a.b", buf, sizeof buf, &e), 0);
}

static void test_path_too_long(void **state)
{
	char buf[40];
	struct fc_error e;
	(void)state;

	setenv("XDG_CONFIG_HOME", "/c", 1);
	/* "/c/flashcoop/keys/p/t.key" is 25 bytes and a NUL. */
	assert_int_equal(sign_key_path("p", "t", buf, 26, &e), 0);
	assert_string_equal(buf, "/c/flashcoop/keys/p/t.key");
	assert_int_equal(sign_key_path("p", "t", buf, 25, &e), FC_IOERR);
}

/* ---- create and load ---- */

static void test_create_load(void **state)
{
	struct sign_key a, b;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &a, &e), 0);
	assert_true(sign_public_valid(a.public_hex));
	assert_int_equal(sign_key_load("p1", "main", &b, &e), 0);
	assert_string_equal(a.public_hex, b.public_hex);
	assert_memory_equal(a.secret, b.secret, sizeof a.secret);
	/* Another terminal, another project: other keys. */
	assert_int_equal(sign_key_create("p1", "stand", &b, &e), 0);
	assert_string_not_equal(a.public_hex, b.public_hex);
	assert_int_equal(sign_key_create("p2", "main", &b, &e), 0);
	assert_string_not_equal(a.public_hex, b.public_hex);
	sign_key_wipe(&a);
	sign_key_wipe(&b);
}

static void test_file_form(void **state)
{
	char path[PATH_MAX], text[256];
	unsigned char seed[32];
	struct sign_key k, from;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	key_path("p1", "main", path, sizeof path);
	get(path, text, sizeof text);
	/* Two lines: the magic, the seed; nothing else. */
	assert_int_equal(strlen(text), strlen(MAGIC) + 65);
	assert_memory_equal(text, MAGIC, strlen(MAGIC));
	assert_int_equal(text[strlen(text) - 1], '\n');
	text[strlen(text) - 1] = '\0';
	assert_int_equal(strspn(text + strlen(MAGIC), "0123456789abcdef"), 64);
	/* The pair is the seed's. */
	unhex(text + strlen(MAGIC), seed, sizeof seed);
	assert_int_equal(sign_key_from_seed(seed, &from), 0);
	assert_string_equal(from.public_hex, k.public_hex);
	/* A file made by hand in that form is read. */
	put(path, MAGIC T1_SEED "\n", 0600);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), 0);
	assert_string_equal(k.public_hex, T1_PUBLIC);
}

static void test_modes(void **state)
{
	static const mode_t masks[] = { 022, 0, 077, 027 };
	char path[PATH_MAX], dir[PATH_MAX];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	for (size_t i = 0; i < sizeof masks / sizeof *masks; i++) {
		char project[16];
		snprintf(project, sizeof project, "p%zu", i);
		umask(masks[i]);
		assert_int_equal(sign_key_create(project, "main", &k, &e), 0);
		key_path(project, "main", path, sizeof path);
		assert_int_equal(mode_of(path), 0600);
		snprintf(dir, sizeof dir, "%s/%s", keys, project);
		assert_int_equal(mode_of(dir), 0700);
		/* The key file and nothing else: no temp file left. */
		assert_int_equal(entries(dir), 1);
	}
	umask(022);
	assert_int_equal(mode_of(keys), 0700);
	snprintf(dir, sizeof dir, "%s/.config/flashcoop", home);
	assert_int_equal(mode_of(dir), 0700);
	snprintf(dir, sizeof dir, "%s/.config", home);
	assert_int_equal(mode_of(dir), 0700);
	/* A folder already there keeps its mode. */
	assert_int_equal(mode_of(home), 0755);
}

static void test_create_xdg_deep(void **state)
{
	char xdg[512], path[PATH_MAX];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	snprintf(xdg, sizeof xdg, "%s/a/b/c", home);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	snprintf(path, sizeof path, "%s/flashcoop/keys/p1/main.key", xdg);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(mode_of(xdg), 0700);
	/* Nothing under $HOME/.config. */
	snprintf(path, sizeof path, "%s/.config", home);
	assert_int_equal(access(path, F_OK), -1);
}

static void test_create_twice(void **state)
{
	char path[PATH_MAX], before[256], after[256], dir[PATH_MAX];
	struct sign_key a, b;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &a, &e), 0);
	key_path("p1", "main", path, sizeof path);
	get(path, before, sizeof before);
	memset(&b, 0, sizeof b);
	assert_int_equal(sign_key_create("p1", "main", &b, &e), FC_CANTCREAT);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(b.public_hex[0], '\0');
	get(path, after, sizeof after);
	assert_string_equal(before, after);
	assert_int_equal(sign_key_load("p1", "main", &b, &e), 0);
	assert_string_equal(a.public_hex, b.public_hex);
	snprintf(dir, sizeof dir, "%s/p1", keys);
	assert_int_equal(entries(dir), 1);
	/* Nor over a link, even one to nowhere; nothing made where it points. */
	key_path("p1", "stand", path, sizeof path);
	snprintf(dir, sizeof dir, "%s/elsewhere.key", home);
	assert_int_equal(symlink(dir, path), 0);
	assert_int_equal(sign_key_create("p1", "stand", &b, &e), FC_CANTCREAT);
	assert_int_equal(access(dir, F_OK), -1);
}

static void test_create_cannot(void **state)
{
	char path[PATH_MAX];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	/* A file where the keys folder goes. */
	snprintf(path, sizeof path, "%s/.config", home);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/.config/flashcoop", home);
	assert_int_equal(mkdir(path, 0700), 0);
	put(keys, "not a folder\n", 0600);
	assert_int_equal(sign_key_create("p1", "main", &k, &e), FC_CANTCREAT);
	assert_non_null(strstr(e.msg, keys));
	assert_int_equal(sign_key_load("p1", "main", &k, &e), FC_NOINPUT);
}

static void test_load_missing(void **state)
{
	char path[PATH_MAX];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	key_path("p1", "main", path, sizeof path);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), FC_NOINPUT);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(sign_key_create("p1", "stand", &k, &e), 0);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), FC_NOINPUT);
	assert_non_null(strstr(e.msg, path));
}

static void test_load_link(void **state)
{
	char path[PATH_MAX], target[PATH_MAX];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	key_path("p1", "main", target, sizeof target);
	key_path("p1", "stand", path, sizeof path);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(sign_key_load("p1", "stand", &k, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "symbolic link"));
	/* A folder or a FIFO where the key goes. */
	key_path("p1", "dir", path, sizeof path);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(sign_key_load("p1", "dir", &k, &e), FC_DATAERR);
	key_path("p1", "fifo", path, sizeof path);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(sign_key_load("p1", "fifo", &k, &e), FC_DATAERR);
}

static void test_load_mode(void **state)
{
	static const mode_t wide[] = { 0644, 0640, 0604, 0620, 0602, 0660, 0700 };
	char path[PATH_MAX], want[PATH_MAX + 16];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	key_path("p1", "main", path, sizeof path);
	snprintf(want, sizeof want, "chmod 600 %s", path);
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++) {
		assert_int_equal(chmod(path, wide[i]), 0);
		if (!(wide[i] & 077)) {
			/* 0700: others have nothing; the owner's x is no harm. */
			assert_int_equal(sign_key_load("p1", "main", &k, &e), 0);
			continue;
		}
		assert_int_equal(sign_key_load("p1", "main", &k, &e), FC_DATAERR);
		assert_non_null(strstr(e.msg, "chmod 600"));
		assert_non_null(strstr(e.msg, want));
	}
	/* The chmod it says fixes it. */
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), 0);
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), 0);
}

static void test_load_corrupt(void **state)
{
	static const struct {
		const char *text;
		const char *where;   /* path:line in the message */
	} bad[] = {
		{ "", ":1:" },
		{ "flashcoop ed25519 key 2\n" T1_SEED "\n", ":1:" },
		{ "flashcoop ed25519 key 1\r\n" T1_SEED "\n", ":1:" },
		{ "Flashcoop ed25519 key 1\n" T1_SEED "\n", ":1:" },
		{ T1_SEED "\n", ":1:" },
		{ MAGIC, ":2:" },
		{ MAGIC "\n", ":2:" },
		{ MAGIC T1_SEED, ":2:" },                 /* no line end */
		{ MAGIC T1_SEED "\r\n", ":2:" },
		{ MAGIC "9D61B19DEFFD5A60BA844AF492EC2CC44449C5697B326919703BAC031CAE7F60\n", ":2:" },
		{ MAGIC "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f6\n", ":2:" },
		{ MAGIC "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f6g\n", ":2:" },
		{ MAGIC "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60a\n", ":2:" },
		{ MAGIC " " T1_SEED "\n", ":2:" },
		{ MAGIC T1_SEED "\n\n", ":3:" },
		{ MAGIC T1_SEED "\n" T2_SEED "\n", ":3:" },
		{ MAGIC T1_SEED "\nx", ":3:" },
	};
	char path[PATH_MAX], want[PATH_MAX + 8];
	struct sign_key k;
	struct fc_error e;
	(void)state;

	key_path("p1", "main", path, sizeof path);
	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		put(path, bad[i].text, 0600);
		memset(&e, 0, sizeof e);
		assert_int_equal(sign_key_load("p1", "main", &k, &e), FC_DATAERR);
		snprintf(want, sizeof want, "%s%s", path, bad[i].where);
		if (!strstr(e.msg, want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, want);
	}
	/* The good one, to be sure the cases differ from it only as said. */
	put(path, MAGIC T1_SEED "\n", 0600);
	assert_int_equal(sign_key_load("p1", "main", &k, &e), 0);
}

/* ---- signatures ---- */

static void test_known_answer(void **state)
{
	unsigned char seed[32];
	char sig[SIGN_SIGNATURE_HEX];
	struct sign_key k;
	const unsigned char m2 = 0x72;
	(void)state;

	unhex(T1_SEED, seed, sizeof seed);
	assert_int_equal(sign_key_from_seed(seed, &k), 0);
	assert_string_equal(k.public_hex, T1_PUBLIC);
	sign_hex(&k, "", 0, sig);
	assert_string_equal(sig, T1_SIG);
	sign_hex(&k, NULL, 0, sig);
	assert_string_equal(sig, T1_SIG);
	assert_true(sign_verify_hex(T1_PUBLIC, "", 0, T1_SIG));
	assert_true(sign_verify_hex(T1_PUBLIC, NULL, 0, T1_SIG));

	unhex(T2_SEED, seed, sizeof seed);
	assert_int_equal(sign_key_from_seed(seed, &k), 0);
	assert_string_equal(k.public_hex, T2_PUBLIC);
	sign_hex(&k, &m2, 1, sig);
	assert_string_equal(sig, T2_SIG);
	assert_true(sign_verify_hex(T2_PUBLIC, &m2, 1, T2_SIG));
	/* Each vector's signature fails the other's key and message. */
	assert_false(sign_verify_hex(T1_PUBLIC, &m2, 1, T2_SIG));
	assert_false(sign_verify_hex(T2_PUBLIC, "", 0, T1_SIG));
	sign_key_wipe(&k);
}

static void upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'f')
			*s = (char)(*s - 'a' + 'A');
}

static void test_sign_verify(void **state)
{
	static const char msg[] = "Z00001,2026-05-09,main,2026-05-09T19:02:11+02:00,412.50";
	size_t len = sizeof msg - 1;
	char sig[SIGN_SIGNATURE_HEX], bad[SIGN_SIGNATURE_HEX + 1];
	char pub[SIGN_PUBLIC_HEX + 1], m[sizeof msg];
	struct sign_key k, other;
	struct fc_error e;
	(void)state;

	assert_int_equal(sign_key_create("p1", "main", &k, &e), 0);
	assert_int_equal(sign_key_create("p1", "stand", &other, &e), 0);
	sign_hex(&k, msg, len, sig);
	assert_int_equal(strlen(sig), 128);
	assert_int_equal(strspn(sig, "0123456789abcdef"), 128);
	assert_true(sign_verify_hex(k.public_hex, msg, len, sig));

	/* One byte of the message changed, one dropped, one added. */
	for (size_t i = 0; i < len; i++) {
		memcpy(m, msg, sizeof msg);
		m[i] ^= 1;
		assert_false(sign_verify_hex(k.public_hex, m, len, sig));
	}
	assert_false(sign_verify_hex(k.public_hex, msg, len - 1, sig));
	assert_false(sign_verify_hex(k.public_hex, msg, len + 1, sig));
	/* One digit of the signature changed (still lowercase hex). */
	for (size_t i = 0; i < 128; i++) {
		strcpy(bad, sig);
		bad[i] = bad[i] == '0' ? '1' : '0';
		assert_false(sign_verify_hex(k.public_hex, msg, len, bad));
	}
	/* Another terminal's key, and its signature. */
	assert_false(sign_verify_hex(other.public_hex, msg, len, sig));
	sign_hex(&other, msg, len, bad);
	assert_true(sign_verify_hex(other.public_hex, msg, len, bad));
	assert_false(sign_verify_hex(k.public_hex, msg, len, bad));
	/* Uppercase hex: the same bytes, refused for their form. */
	strcpy(bad, sig);
	upper(bad);
	assert_string_not_equal(bad, sig);
	assert_false(sign_verify_hex(k.public_hex, msg, len, bad));
	strcpy(pub, k.public_hex);
	upper(pub);
	assert_false(sign_verify_hex(pub, msg, len, sig));
	/* Wrong lengths: a digit less, a digit more, a byte more. */
	strcpy(bad, sig);
	bad[127] = '\0';
	assert_false(sign_verify_hex(k.public_hex, msg, len, bad));
	strcpy(bad, sig);
	strcat(bad, "0");
	assert_false(sign_verify_hex(k.public_hex, msg, len, bad));
	strcpy(pub, k.public_hex);
	pub[63] = '\0';
	assert_false(sign_verify_hex(pub, msg, len, sig));
	strcpy(pub, k.public_hex);
	strcat(pub, "0");
	assert_false(sign_verify_hex(pub, msg, len, sig));
	assert_false(sign_verify_hex(NULL, msg, len, sig));
	assert_false(sign_verify_hex(k.public_hex, msg, len, NULL));
	assert_false(sign_verify_hex(k.public_hex, msg, len, ""));
	/* And the signature still holds after all that. */
	assert_true(sign_verify_hex(k.public_hex, msg, len, sig));
	sign_key_wipe(&k);
	sign_key_wipe(&other);
}

static void test_public_valid(void **state)
{
	char s[SIGN_PUBLIC_HEX + 1];
	(void)state;

	assert_true(sign_public_valid(T1_PUBLIC));
	assert_true(sign_public_valid(
		"0000000000000000000000000000000000000000000000000000000000000000"));
	assert_false(sign_public_valid(NULL));
	assert_false(sign_public_valid(""));
	strcpy(s, T1_PUBLIC);
	s[63] = '\0';
	assert_false(sign_public_valid(s));
	strcpy(s, T1_PUBLIC);
	strcat(s, "0");
	assert_false(sign_public_valid(s));
	strcpy(s, T1_PUBLIC);
	s[0] = 'D';
	assert_false(sign_public_valid(s));
	s[0] = 'g';
	assert_false(sign_public_valid(s));
	s[0] = ' ';
	assert_false(sign_public_valid(s));
}

static void test_wipe(void **state)
{
	static const unsigned char zero[64];
	unsigned char seed[32];
	struct sign_key k;
	(void)state;

	unhex(T1_SEED, seed, sizeof seed);
	assert_int_equal(sign_key_from_seed(seed, &k), 0);
	/* libsodium's secret: the seed then the public key. */
	assert_memory_equal(k.secret, seed, 32);
	assert_memory_not_equal(k.secret, zero, sizeof k.secret);
	sign_key_wipe(&k);
	assert_memory_equal(k.secret, zero, sizeof k.secret);
	/* The public key stays, for terminals.csv. */
	assert_string_equal(k.public_hex, T1_PUBLIC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_path_xdg, fresh),
		cmocka_unit_test_setup(test_path_home, fresh),
		cmocka_unit_test_setup(test_path_relative_xdg, fresh),
		cmocka_unit_test_setup(test_path_no_folder, fresh),
		cmocka_unit_test_setup(test_path_bad_ids, fresh),
		cmocka_unit_test_setup(test_path_too_long, fresh),
		cmocka_unit_test_setup(test_create_load, fresh),
		cmocka_unit_test_setup(test_file_form, fresh),
		cmocka_unit_test_setup(test_modes, fresh),
		cmocka_unit_test_setup(test_create_xdg_deep, fresh),
		cmocka_unit_test_setup(test_create_twice, fresh),
		cmocka_unit_test_setup(test_create_cannot, fresh),
		cmocka_unit_test_setup(test_load_missing, fresh),
		cmocka_unit_test_setup(test_load_link, fresh),
		cmocka_unit_test_setup(test_load_mode, fresh),
		cmocka_unit_test_setup(test_load_corrupt, fresh),
		cmocka_unit_test_setup(test_known_answer, fresh),
		cmocka_unit_test_setup(test_sign_verify, fresh),
		cmocka_unit_test_setup(test_public_valid, fresh),
		cmocka_unit_test_setup(test_wipe, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
