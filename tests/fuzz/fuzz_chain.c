/*
 * libFuzzer target: the verifier of the chain and the daily closings
 * (lib/history.c, lib/days.c, through verify_project, lib/verify.c: what
 * flashcoop-check and every command run over a project).
 *
 * Once (LLVMFuzzerInitialize): a chained project in a temp folder under
 * $TMPDIR or /tmp (removed at exit), written by hand: flashcoop.ini with a
 * catalogue, participants.csv (0600), hours.csv (its chained header),
 * terminals.csv with two terminals, main and stand, whose public keys
 * come from fixed seeds (their private keys are the fuzzer's, for the
 * mutator; $XDG_CONFIG_HOME points into the temp folder all the same),
 * days.csv.  A pristine ledger (six rows of both terminals, chained) and
 * three closings of it (signed, chained, every figure worked out by hand
 * below) are made and must pass verify_project with no problem.
 *
 * Each input: its first byte chooses the mode.
 *   bit 0 clear: the rest is ledger.csv's rows (days.csv its header only);
 *   bit 0 set:   the rest is days.csv's rows (over the pristine ledger);
 *   bit 1 set:   the rest holds its own header too (else the file's
 *                header is written before it).
 * Asserted: no crash, no leak, no sanitizer report; verify_project gives
 * FC_OK or FC_DATAERR (never an I/O error, never "out of memory"),
 * FC_OK exactly when no problem was named, as many problems and warnings
 * named as it counts, each one line starting with the project's folder.
 * And when the project passes and the rows hold no quote (so that a line
 * is split at its commas): every chain holds as the shell loop of
 * flashcoop-ledger(5) computes it, per terminal, and in days.csv every
 * signature is its terminal's.
 *
 * The mutator: one time in sixteen a made input (the pristine ledger, or
 * the closings); one time in three a change of rows (a line removed,
 * repeated, moved, taken from the made rows, or a field given another
 * value: ids, dates, kinds, amounts, terminals), the chains then made
 * right; else libFuzzer's mutation, then one time in two the chains (and
 * in days.csv the signatures) of every line made right again (a byte
 * mutator never gets a SHA-256 right), so that the checks behind the
 * chain (ids, voids, figures, heads) are reached.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/days.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/sign.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"
#include "../unit/rmtree.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_chain: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

static const char ini_text[] =
	"[flashcoop]\n"
	"id       = FC-FUZZ\n"
	"name     = Fuzz Flashcoop\n"
	"start    = 2026-05-04\n"
	"end      = 2026-05-13\n"
	"\n"
	"[money]\n"
	"vat        = yes\n"
	"cae_rate   = 10\n"
	"share      = hours\n"
	"cash_float = 50.00\n"
	"\n"
	"[products]\n"
	"cookie   = 2.50, 5.5\n"
	"sac-vrac = 8.00, 20\n";

static const char people_text[] = PARTICIPANT_HEADER "\n"
	"P001,Ada,CAPE-1,2026-05-04,,,,,,,,,,,,,\n";

#define AT "2026-05-05T18:00:00+02:00"

/* The pristine ledger's rows, chains left empty (made at start):
 *   main  S00001 05-05 cookie 1 x 2.50 = 2.50, 5.5 %, cash
 *   main  S00002 05-05 sac-vrac 1 x 8.00 = 8.00, 20 %, card
 *   stand S00001-stand 05-05 cookie 2 x 2.50 = 5.00, 5.5 %, cash
 *   main  K00001 05-05 count 52.50
 *   stand S00002-stand 05-06 cookie 1 x 2.50 = 2.50, 5.5 %, cash
 *   stand V00001-stand voids S00002-stand
 * (vat_amount and lot, after note, empty) */
static const char ledger_rows[] =
	"S00001,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,P001,,,,,main," AT ",\n"
	"S00002,2026-05-05,sale,sac-vrac,1,8.00,8.00,20,,card,,,,,,main," AT ",\n"
	"S00001-stand,2026-05-05,sale,cookie,2,2.50,5.00,5.5,,cash,,,,,,stand,"
	AT ",\n"
	"K00001,2026-05-05,count,,,,52.50,,,cash,,,,,,main," AT ",\n"
	"S00002-stand,2026-05-06,sale,cookie,1,2.50,2.50,5.5,,cash,,,,,,stand,"
	AT ",\n"
	"V00001-stand,2026-05-06,void,cookie,1,2.50,2.50,5.5,,cash,,"
	"S00002-stand,typed twice,,,stand," AT ",\n";

/* The closings of that ledger, each made after every row (its ledger
 * head the terminal's last chain there, its hours head none):
 *   Z00001 main 05-05: sales 2.50 + 8.00 = 10.50; 5.5 %: 2.50, 2.50 /
 *     1.055 = 2.37, VAT 0.13; 20 %: 8.00, 8.00 / 1.2 = 6.67, VAT 1.33;
 *     cash 2.50, card 8.00; counted 52.50; period 10.50, perpetual 10.50.
 *   Z00001-stand 05-05: sales 5.00; 5.5 %: 5.00 / 1.055 = 4.74, VAT
 *     0.26; cash 5.00; no count; period 5.00, perpetual 5.00.
 *   Z00002-stand 05-06: 2.50 - 2.50 = 0.00; 5.5 %: 0.00, VAT 0.00; no
 *     payment (none but zero); period 5.00 + 0.00 = 5.00; perpetual
 *     5.00 + 2.50 + 2.50 = 10.00.
 * %s: the ledger heads (main's, the stand's, the stand's). */
static const char days_rows[] =
	"Z00001,2026-05-05,main,2026-05-05T20:00:00+02:00,10.50,"
	"5.5:2.50:0.13;20:8.00:1.33,cash:2.50;card:8.00,52.50,10.50,10.50,%s,"
	CHAIN_ZERO ",,\n"
	"Z00001-stand,2026-05-05,stand,2026-05-05T19:00:00+02:00,5.00,"
	"5.5:5.00:0.26,cash:5.00,,5.00,5.00,%s," CHAIN_ZERO ",,\n"
	"Z00002-stand,2026-05-06,stand,2026-05-06T19:00:00+02:00,0.00,"
	"5.5:0.00:0.00,,,5.00,10.00,%s," CHAIN_ZERO ",,\n";

static const char *const tnames[2] = { "main", "stand" };
static struct sign_key keys[2];
static char root[PATH_MAX], dir[PATH_MAX];
static char p_ledger[PATH_MAX], p_days[PATH_MAX];
static struct buf pristine;             /* the ledger's rows, chained */
static struct buf made_days;            /* the closings' rows */
static struct chain hasher;

static void cleanup(void)
{
	if (root[0])
		test_rm_tree(root);
}

/* a then b into path. */
static void put(const char *path, const char *a, size_t alen, const char *b,
                size_t blen, mode_t mode)
{
	FILE *f = fopen(path, "wb");
	if (!f || (alen && fwrite(a, 1, alen, f) != alen) ||
	    (blen && fwrite(b, 1, blen, f) != blen) || fclose(f) != 0 ||
	    chmod(path, mode) != 0) {
		perror(path);
		abort();
	}
}

static void put_in(const char *name, const char *text, mode_t mode)
{
	char path[PATH_MAX];
	project_path(dir, name, path, sizeof path);
	put(path, text, strlen(text), NULL, 0, mode);
}

/* ---- lines split at their commas (no quote in them) ---- */

/* The commas of a line: where each is, at most max. */
static size_t commas(const char *s, size_t n, size_t *at, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++)
		if (s[i] == ',')
			at[k++] = i;
	return k;
}

/* The index of terminal name (len bytes) among the names of a line's
 * chains, added when new; -1 when it is no name or there is no room. */
struct prevs {
	char name[8][TERMINAL_SIZE];
	char chain[8][CHAIN_HEX];
	int n;
};

static int prev_of(struct prevs *p, const char *name, size_t len)
{
	char s[TERMINAL_SIZE];

	if (len == 0 || len >= TERMINAL_SIZE)
		return -1;
	memcpy(s, name, len);
	s[len] = '\0';
	if (!terminal_name_valid(s))
		return -1;
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->name[i], s) == 0)
			return i;
	if (p->n == 8)
		return -1;
	strcpy(p->name[p->n], s);
	memcpy(p->chain[p->n], CHAIN_ZERO, CHAIN_HEX);
	return p->n++;
}

static int key_of(const char *name, size_t len)
{
	for (int i = 0; i < 2; i++)
		if (strlen(tnames[i]) == len && memcmp(tnames[i], name, len) == 0)
			return i;
	return -1;
}

#define MAX_COMMAS 4096

/* One line made right: in ledger.csv, its chain (the last field) after
 * its terminal's (the third field from the end); in days.csv (days), its
 * signature (the last field but one) by its terminal's key (the third
 * field) when the fuzzer holds it, then its chain.  A line without those
 * fields is left as it is. */
static void reseal_line(const char *s, size_t n, bool days, struct prevs *p,
                        struct buf *out)
{
	static size_t at[MAX_COMMAS];
	size_t k = commas(s, n, at, MAX_COMMAS), cut;
	char sig[SIGN_SIGNATURE_HEX], chain[CHAIN_HEX];
	size_t start = out->len;
	int t, key = -1;

	if (k < 3 || k == MAX_COMMAS) {
		buf_add(out, s, n);
		return;
	}
	if (days) {
		t = prev_of(p, s + at[1] + 1, at[2] - at[1] - 1);
		key = key_of(s + at[1] + 1, at[2] - at[1] - 1);
		cut = at[k - 2];
	} else {
		t = prev_of(p, s + at[k - 3] + 1, at[k - 2] - at[k - 3] - 1);
		cut = at[k - 1];
	}
	if (t < 0) {
		buf_add(out, s, n);
		return;
	}
	buf_add(out, s, cut);
	if (days) {
		if (key >= 0) {
			sign_hex(&keys[key], s, cut, sig);
			buf_puts(out, ",");
			buf_puts(out, sig);
		} else {
			buf_add(out, s + cut, at[k - 1] - cut);
		}
	}
	if (!out->p || chain_next(&hasher, p->chain[t], out->p + start,
	                          out->len - start, chain) < 0)
		FAIL("out of memory");
	memcpy(p->chain[t], chain, CHAIN_HEX);
	buf_puts(out, ",");
	buf_puts(out, chain);
}

/* Every line of body made right, into out (emptied first); from line
 * first on (1: a header left as it is). */
static void reseal(const char *body, size_t len, bool days, int first,
                   struct buf *out)
{
	struct prevs p = { .n = 0 };
	const char *s = body, *end = body + len;
	int line = 0;

	out->len = 0;
	buf_puts(out, "");
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		if (line++ < first)
			buf_add(out, s, n);
		else
			reseal_line(s, n, days, &p, out);
		if (nl)
			buf_add(out, "\n", 1);
		s += n + (nl ? 1 : 0);
	}
	if (!out->p)
		FAIL("out of memory");
}

/* The chain of terminal's last row in ledger rows, into chain. */
static void last_chain(const char *rows, const char *terminal,
                       char chain[CHAIN_HEX])
{
	char pat[64];
	const char *s = rows, *found = NULL;

	snprintf(pat, sizeof pat, ",%s," AT ",", terminal);
	while ((s = strstr(s, pat)))
		found = s++;
	if (!found)
		FAIL("no row of %s", terminal);
	memcpy(chain, found + strlen(pat), 64);
	chain[64] = '\0';
}

/* ---- the run ---- */

struct heard {
	struct buf text;
	size_t problems, warnings;
	bool bad;                  /* a message not of the form */
	char why[256];
};

static void on_problem(void *ctx, const char *msg, bool warning)
{
	struct heard *h = ctx;
	size_t dl = strlen(dir);

	*(warning ? &h->warnings : &h->problems) += 1;
	buf_puts(&h->text, warning ? "(warning) " : "");
	buf_puts(&h->text, msg);
	buf_puts(&h->text, "\n");
	if (h->bad)
		return;
	if (!*msg || strchr(msg, '\n') || strchr(msg, '\r')) {
		h->bad = true;
		snprintf(h->why, sizeof h->why, "a message of more than one line, "
		         "or empty");
	} else if (strncmp(msg, dir, dl) != 0 || msg[dl] != '/') {
		h->bad = true;
		snprintf(h->why, sizeof h->why, "a message that does not start "
		         "with the project's folder");
	}
}

static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	size_t *n = ctx;
	(void)e;
	if (!en->id[0] || !en->file)
		FAIL("a row without its id or file was handed over");
	(*n)++;
	return 0;
}

/* What verify_project says of the project as it is. */
static int verify(struct heard *h, struct verify_stats *st, size_t *rows,
                  struct fc_error *e)
{
	memset(h, 0, sizeof *h);
	buf_puts(&h->text, "");
	*rows = 0;
	memset(st, 0, sizeof *st);
	return verify_project(dir, NULL, on_problem, h, on_row, rows, st, e);
}

static void dump(const char *why, int rc, const struct fc_error *e,
                 const struct heard *h, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz_chain: %s\nverify_project gives %d (%s), "
	        "%zu problems, %zu warnings:\n%s\ninput (%zu bytes):\n%.*s\n",
	        why, rc, e->msg, h->problems, h->warnings,
	        h->text.p ? h->text.p : "", size, (int)size,
	        data ? (const char *)data : "");
	abort();
}

/* Every chained line's chain as the shell loop computes it (and in
 * days.csv each signature by its terminal's key): 0, or the number of
 * the first line that fails (from 1, the body's first). */
static long loop_check(const char *body, size_t len, bool days)
{
	static size_t at[MAX_COMMAS];
	struct prevs p = { .n = 0 };
	const char *s = body, *end = body + len;
	long line = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		size_t k = commas(s, n, at, MAX_COMMAS);
		char want[CHAIN_HEX], sig[SIGN_SIGNATURE_HEX];
		int t = -1, key;

		line++;
		if (k >= 3 && k < MAX_COMMAS)
			t = days ? prev_of(&p, s + at[1] + 1, at[2] - at[1] - 1) :
			    prev_of(&p, s + at[k - 3] + 1, at[k - 2] - at[k - 3] - 1);
		if (t >= 0) {
			if (n - at[k - 1] - 1 != 64 ||
			    chain_next(&hasher, p.chain[t], s, at[k - 1], want) < 0 ||
			    memcmp(want, s + at[k - 1] + 1, 64) != 0)
				return line;
			memcpy(p.chain[t], want, CHAIN_HEX);
			if (days) {
				key = key_of(s + at[1] + 1, at[2] - at[1] - 1);
				if (at[k - 1] - at[k - 2] - 1 != 128 || key < 0)
					return line;
				memcpy(sig, s + at[k - 2] + 1, 128);
				sig[128] = '\0';
				if (!sign_verify_hex(keys[key].public_hex, s, at[k - 2],
				                     sig))
					return line;
			}
		}
		s += n + (nl ? 1 : 0);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heard h;
	struct verify_stats st;
	struct fc_error e = { 0, "" };
	size_t rows;
	bool days, own;
	const char *body;
	size_t blen;
	int rc;

	if (size < 1)
		return 0;
	days = data[0] & 1;
	own = data[0] & 2;
	body = (const char *)data + 1;
	blen = size - 1;
	if (days) {
		put(p_ledger, LEDGER_HEADER "\n", sizeof LEDGER_HEADER, pristine.p,
		    pristine.len, 0644);
		put(p_days, own ? "" : DAYS_HEADER "\n",
		    own ? 0 : sizeof DAYS_HEADER, body, blen, 0644);
	} else {
		put(p_ledger, own ? "" : LEDGER_HEADER "\n",
		    own ? 0 : sizeof LEDGER_HEADER, body, blen, 0644);
		put(p_days, DAYS_HEADER "\n", sizeof DAYS_HEADER, NULL, 0, 0644);
	}
	rc = verify(&h, &st, &rows, &e);
	if (rc != FC_OK && rc != FC_DATAERR)
		dump("neither sound nor unsound", rc, &e, &h, data, size);
	if ((rc == FC_OK) != (st.problems == 0))
		dump("the return and the problems disagree", rc, &e, &h, data,
		     size);
	if (h.problems != st.problems || h.warnings != st.warnings)
		dump("the problems named and counted differ", rc, &e, &h, data,
		     size);
	if (h.bad)
		dump(h.why, rc, &e, &h, data, size);
	if (rows > st.ledger_rows + st.hours_rows)
		dump("more rows handed over than read", rc, &e, &h, data, size);
	if (rc == FC_OK && !own && !memchr(body, '"', blen)) {
		long bad = loop_check(body, blen, days);
		if (bad)
			dump(days ? "a sound days.csv whose chain or signature does "
			     "not hold by the shell loop" : "a sound ledger whose "
			     "chain does not hold by the shell loop", rc, &e, &h,
			     data, size);
	}
	buf_free(&h.text);
	return 0;
}

/* The pristine project: sound, without a problem or a warning. */
static void check_made(const char *what, const char *body, bool days)
{
	struct heard h;
	struct verify_stats st;
	struct fc_error e = { 0, "" };
	size_t rows;
	int rc;

	if (days) {
		put(p_ledger, LEDGER_HEADER "\n", sizeof LEDGER_HEADER, pristine.p,
		    pristine.len, 0644);
		put(p_days, DAYS_HEADER "\n", sizeof DAYS_HEADER, body,
		    strlen(body), 0644);
	} else {
		put(p_ledger, LEDGER_HEADER "\n", sizeof LEDGER_HEADER, body,
		    strlen(body), 0644);
		put(p_days, DAYS_HEADER "\n", sizeof DAYS_HEADER, NULL, 0, 0644);
	}
	rc = verify(&h, &st, &rows, &e);
	if (rc != FC_OK || st.problems || st.warnings)
		FAIL("%s: %d (%s), %zu problems, %zu warnings:\n%s\nthe rows:\n%s",
		     what, rc, e.msg, st.problems, st.warnings, h.text.p, body);
	if (loop_check(body, strlen(body), days))
		FAIL("%s: the shell loop finds a chain broken", what);
	buf_free(&h.text);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	unsigned char seed[SIGN_SEED_BYTES];
	char text[1024], cfg[PATH_MAX], heads[3][CHAIN_HEX];
	struct buf terms = { 0 };

	(void)argc;
	(void)argv;
	snprintf(root, sizeof root, "%s/fuzz-chain.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror(root);
		exit(1);
	}
	atexit(cleanup);
	snprintf(cfg, sizeof cfg, "%s/config", root);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	snprintf(dir, sizeof dir, "%s/p", root);
	if (mkdir(dir, 0755) < 0 || chain_begin(&hasher) < 0)
		FAIL("cannot start");
	project_path(dir, PROJECT_LEDGER, p_ledger, sizeof p_ledger);
	project_path(dir, PROJECT_DAYS, p_days, sizeof p_days);

	/* The terminals' keys from fixed seeds: 32 x 0x11, 32 x 0x22. */
	for (int i = 0; i < 2; i++) {
		memset(seed, 0x11 * (i + 1), sizeof seed);
		if (sign_key_from_seed(seed, &keys[i]) != 0)
			FAIL("libsodium does not start");
	}
	buf_puts(&terms, TERMINALS_HEADER "\n");
	for (int i = 0; i < 2; i++) {
		terminals_line(text, sizeof text, tnames[i], keys[i].public_hex,
		               "2026-05-04T09:00:00+02:00");
		buf_puts(&terms, text);
	}
	put_in(PROJECT_INI, ini_text, 0644);
	put_in(PROJECT_PARTICIPANTS, people_text, 0600);
	put_in(PROJECT_HOURS, HOURS_HEADER "\n", 0644);
	put_in(PROJECT_TERMINALS, terms.p, 0644);
	buf_free(&terms);

	/* The pristine ledger, chained; the closings over it. */
	reseal(ledger_rows, sizeof ledger_rows - 1, false, 0, &pristine);
	last_chain(pristine.p, "main", heads[0]);
	last_chain(pristine.p, "stand", heads[1]);
	memcpy(heads[2], heads[1], CHAIN_HEX);
	{
		char rows[4096];
		snprintf(rows, sizeof rows, days_rows, heads[0], heads[1],
		         heads[2]);
		reseal(rows, strlen(rows), true, 0, &made_days);
	}
	check_made("the pristine ledger", pristine.p, false);
	check_made("the closings of the pristine ledger", made_days.p, true);
	return 0;
}

/* ---- mutations ---- */

static unsigned rng;

static unsigned rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

/* Values a field of the made rows may take instead of its own. */
static const char *const tokens[] = {
	"S00001", "S00002", "S00003", "S00001-stand", "S00002-stand",
	"S00003-stand", "S00001-main", "S00001-ghost", "C00001", "K00001",
	"K00001-stand", "V00001", "V00002", "V00001-stand", "V00002-stand",
	"H00001", "Z00001", "Z00002", "Z00003", "Z00001-stand", "Z00002-stand",
	"Z00001-main", "2026-05-04", "2026-05-05", "2026-05-06", "2026-05-13",
	"2026-05-14", "sale", "charge", "count", "void", "hours", "cookie",
	"sac-vrac", "0", "1", "2", "3", "0.00", "2.50", "5.00", "7.50", "8.00",
	"10.50", "52.50", "-2.50", "5.5", "20", "0", "cash", "card", "cheque",
	"other", "main", "stand", "ghost", "", "P001", "P002", "ingredients",
	"2026-05-05T18:00:00+02:00", "2026-05-06T07:00:00-10:00",
	"5.5:2.50:0.13", "5.5:5.00:0.26", "20:8.00:1.33", "5.5:0.00:0.00",
	"cash:2.50", "cash:5.00", "card:8.00", "cash:2.50;card:8.00",
	CHAIN_ZERO,
};

#define MAX_LINES 64

struct lines {
	const char *s[MAX_LINES];
	size_t len[MAX_LINES];
	size_t n;
};

static void split_lines(const char *body, size_t len, struct lines *l)
{
	const char *s = body, *end = body + len;

	l->n = 0;
	while (s < end && l->n < MAX_LINES) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		l->s[l->n] = s;
		l->len[l->n++] = n;
		s += n + (nl ? 1 : 0);
	}
}

/* A change of rows rather than bytes, the chains then made right: a line
 * removed, repeated, moved, taken from the made rows, or one of its
 * fields given another value (ids, dates, kinds, amounts, terminals). */
static size_t structured(uint8_t *data, size_t size, size_t max_size)
{
	bool days = data[0] & 1;
	size_t first = data[0] & 2 ? 1 : 0;
	const struct buf *made = days ? &made_days : &pristine;
	struct lines l, m;
	struct buf in = { 0 }, out = { 0 };
	char field[128];
	size_t i, j;
	unsigned op;

	split_lines((const char *)data + 1, size - 1, &l);
	split_lines(made->p, made->len, &m);
	if (l.n <= first) {
		for (i = 0; i < m.n && l.n < MAX_LINES; i++) {
			l.s[l.n] = m.s[i];
			l.len[l.n++] = m.len[i];
		}
	}
	if (l.n <= first)
		return size;
	i = first + rnd((unsigned)(l.n - first));
	j = first + rnd((unsigned)(l.n - first));
	switch ((op = rnd(6))) {
	case 0:   /* removed */
		memmove(&l.s[i], &l.s[i + 1], (l.n - i - 1) * sizeof *l.s);
		memmove(&l.len[i], &l.len[i + 1], (l.n - i - 1) * sizeof *l.len);
		l.n--;
		break;
	case 1:   /* repeated, or a made one added, after line j */
	case 2:
		if (l.n < MAX_LINES) {
			const char *ls = l.s[i];
			size_t ll = l.len[i];
			if (rnd(2) && m.n) {
				size_t k = rnd((unsigned)m.n);
				ls = m.s[k];
				ll = m.len[k];
			}
			memmove(&l.s[j + 1], &l.s[j], (l.n - j) * sizeof *l.s);
			memmove(&l.len[j + 1], &l.len[j], (l.n - j) * sizeof *l.len);
			l.s[j] = ls;
			l.len[j] = ll;
			l.n++;
		}
		break;
	case 3: { /* moved */
		const char *ts = l.s[i];
		size_t tl = l.len[i];
		l.s[i] = l.s[j];
		l.len[i] = l.len[j];
		l.s[j] = ts;
		l.len[j] = tl;
		break;
	}
	default:  /* a field changed: written out below */
		break;
	}
	for (size_t k = 0; k < l.n; k++) {
		if (k == i && op >= 4) {
			/* field f of this line given a token */
			size_t f = rnd(16), at = 0, c = 0, end;
			const char *t = tokens[rnd(sizeof tokens / sizeof *tokens)];
			while (c < f && at < l.len[k])
				if (l.s[k][at++] == ',')
					c++;
			end = at;
			while (end < l.len[k] && l.s[k][end] != ',')
				end++;
			snprintf(field, sizeof field, "%s", t);
			buf_add(&in, l.s[k], at);
			buf_puts(&in, field);
			buf_add(&in, l.s[k] + end, l.len[k] - end);
		} else {
			buf_add(&in, l.s[k], l.len[k]);
		}
		buf_add(&in, "\n", 1);
	}
	if (!in.p) {
		buf_free(&in);
		return size;
	}
	reseal(in.p, in.len, days, (int)first, &out);
	if (out.len + 1 <= max_size) {
		memcpy(data + 1, out.p, out.len);
		size = out.len + 1;
	}
	buf_free(&in);
	buf_free(&out);
	return size;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                               unsigned seed)
{
	struct buf out = { 0 };
	bool days;

	rng = seed;
	if (max_size < 2)
		return LLVMFuzzerMutate(data, size, max_size);
	if (rnd(16) == 0) {
		const struct buf *b;
		days = rnd(2);
		b = days ? &made_days : &pristine;
		if (b->len + 1 <= max_size) {
			data[0] = days ? 1 : 0;
			memcpy(data + 1, b->p, b->len);
			return b->len + 1;
		}
	}
	if (size >= 1 && rnd(3) == 0)
		return structured(data, size, max_size);
	size = LLVMFuzzerMutate(data, size, max_size);
	if (size < 2 || rnd(2))
		return size;
	days = data[0] & 1;
	reseal((const char *)data + 1, size - 1, days, data[0] & 2 ? 1 : 0,
	       &out);
	if (out.len + 1 <= max_size) {
		memcpy(data + 1, out.p, out.len);
		size = out.len + 1;
	}
	buf_free(&out);
	return size;
}
