/*
 * chained.h: what the unit tests need to write a chained project's files
 * by hand (SPEC §5): terminal main, whose key is RFC 8032's first test
 * vector's, declared as this copy; rows written as they were before the
 * chain get main's name, a fixed time and their chain.
 */
#ifndef FLASHCOOP_TEST_CHAINED_H
#define FLASHCOOP_TEST_CHAINED_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/days.h"
#include "flashcoop/layout.h"
#include "flashcoop/row.h"
#include "flashcoop/sign.h"
#include "flashcoop/terminal.h"

#define TEST_PUBLIC_KEY \
	"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"

/* The secret of TEST_PUBLIC_KEY. */
static inline void test_key(struct sign_key *k)
{
	static const unsigned char seed[SIGN_SEED_BYTES] = {
		0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
		0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
		0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60
	};
	sign_key_from_seed(seed, k);
}

/* Is a file of name, whose first line is head, a chained ledger? */
static inline bool test_is_chained(const char *name, const char *head)
{
	const char *nl = strchr(head, '\n');
	size_t n = nl ? (size_t)(nl - head) : strlen(head);

	if (strcmp(name, PROJECT_LEDGER) != 0 && strcmp(name, PROJECT_HOURS) != 0)
		return false;
	return n >= 6 && strncmp(head + n - 6, ",chain", 6) == 0;
}

/* The rows of text (after its header when header) as main appends them
 * after prev, to out; a last line without its newline is left as it is. */
static inline void test_chain_rows(const char *text, bool header, char *prev,
                                   struct buf *out)
{
	const char *line = text, *nl;
	struct chain c;

	chain_begin(&c);
	if (header && (nl = strchr(line, '\n'))) {
		buf_add(out, line, (size_t)(nl - line) + 1);
		line = nl + 1;
	}
	for (; *line && (nl = strchr(line, '\n')); line = nl + 1) {
		size_t start = out->len;
		buf_add(out, line, (size_t)(nl - line));
		buf_puts(out, ",main,2026-05-09T12:00:00+02:00,\n");
		row_chain_seal(out, start, &c, prev);
	}
	buf_puts(out, line);
	chain_end(&c);
}

/* The last chain in the file at path (CHAIN_ZERO when none), to prev. */
static inline void test_last_chain(const char *path, char *prev)
{
	char line[4096];
	FILE *f = fopen(path, "rb");

	memcpy(prev, CHAIN_ZERO, CHAIN_HEX);
	while (f && fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		if (n > 65 && line[n - 1] == '\n' && line[n - 66] == ',') {
			memcpy(prev, line + n - 65, 64);
			prev[64] = '\0';
		}
	}
	if (f)
		fclose(f);
}

/* text without the chain's values at the end of each row (a terminal, a
 * time, a chain: no test knows the time beforehand), in place. */
static inline void test_unchain(char *text)
{
	char *out = text, *line = text;

	while (*line) {
		char *nl = strchr(line, '\n'), *end = nl ? nl : line + strlen(line);
		size_t len = (size_t)(end - line);
		/* ",NAME,2026-05-09T12:00:00+02:00,<64 hex>" */
		if (len > 91 && line[len - 65] == ',' && line[len - 91] == ',') {
			char *c = line + len - 92;
			while (c > line && *c != ',')
				c--;
			if (*c == ',')
				len = (size_t)(c - line);
		}
		memmove(out, line, len);
		out += len;
		if (nl)
			*out++ = '\n';
		line = nl ? nl + 1 : end;
	}
	*out = '\0';
}

/* Main's key (test_key) where sign_key_load finds it for project id,
 * under config (made the configuration folder: $XDG_CONFIG_HOME). */
static inline int test_install_key(const char *config, const char *id)
{
	static const char text[] = "flashcoop ed25519 key 1\n"
		"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n";
	char path[8192];
	FILE *f;

	if (strlen(config) > 4000 || strlen(id) > 64 ||
	    setenv("XDG_CONFIG_HOME", config, 1) < 0)
		return -1;
	snprintf(path, sizeof path, "%s", config);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/flashcoop", config);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/flashcoop/keys", config);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/flashcoop/keys/%s", config, id);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/flashcoop/keys/%s/main.key", config, id);
	if (!(f = fopen(path, "wb")))
		return -1;
	fputs(text, f);
	fclose(f);
	return chmod(path, 0600);
}

/* Write a project's file at path (name: its file name): a chained
 * ledger's rows chained (test_chain_rows), personal files 0600. */
static inline int test_write_file(const char *path, const char *name,
                                  const char *text)
{
	char prev[CHAIN_HEX] = CHAIN_ZERO;
	struct buf b = { 0 };
	FILE *f;
	int rc;

	if (test_is_chained(name, text)) {
		test_chain_rows(text, true, prev, &b);
		text = b.p;
	}
	if (!(f = fopen(path, "wb"))) {
		buf_free(&b);
		return -1;
	}
	rc = fputs(text, f) < 0 ? -1 : 0;
	rc |= fclose(f);
	buf_free(&b);
	rc |= chmod(path, strcmp(name, PROJECT_PARTICIPANTS) == 0 ||
	            strcmp(name, PROJECT_CLOSING_CSV) == 0 ? 0600 : 0644);
	return rc;
}

/* Write terminals.csv (main) and days.csv into dir, and declare dir main. */
/* ledger.csv's header before the books (issue 17) added vat_amount: a
 * project of then is still read, and written in its own columns. */
#define LEDGER_HEADER_V1 "id,date,kind,product,quantity,unit_price," \
	"amount,vat_rate,category,payment,participant,ref,note" ROW_CHAIN_HEADER

static inline int test_terminal_files(const char *dir)
{
	char path[4096];
	struct fc_error e;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, PROJECT_TERMINALS);
	if (!(f = fopen(path, "wb")))
		return -1;
	fputs(TERMINALS_HEADER "\nmain," TEST_PUBLIC_KEY
	      ",2026-05-04T09:00:00+02:00\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/%s", dir, PROJECT_DAYS);
	if (!(f = fopen(path, "wb")))
		return -1;
	fputs(DAYS_HEADER "\n", f);
	fclose(f);
	return terminal_declare_here(dir, "main", &e);
}

#endif
