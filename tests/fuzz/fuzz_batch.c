/*
 * libFuzzer target: the batch importer (record_batch, lib/record.c), the
 * code behind `flashcoop-record --batch`, with entry parsing and checking
 * (lib/entry.c), the CSV reader and the all-or-nothing commit under it.
 *
 * Once (LLVMFuzzerInitialize): a project in a temp folder under $TMPDIR or
 * /tmp (removed at exit): flashcoop.ini with a catalogue, participants.csv
 * with two participants (P001 from 4 May, withdrawn on 11 May; P002 from
 * 6 May), ledger.csv and hours.csv.  The ledger starts with a few rows
 * recorded by record_batch itself (sales with refs, a charge, a count,
 * hours, a void of each file), so that an input's voids and refs have
 * something to name; FUZZ_BATCH_EMPTY=1 starts from the headers alone.
 * The pristine files pass verify_project() (flashcoop-check), and their
 * bytes are kept.
 *
 * Each input: the pristine ledger and hours are written back, then the
 * input is the batch, read through fmemopen().  On success: the files
 * start with their pristine bytes (append-only), hold one new line per
 * row recorded, one id a line was given for each, and verify_project()
 * finds no problem.  On failure: an exit code with a message, nothing
 * recorded, and the files byte for byte as before.  Either way the folder
 * holds no temp file or commit file left behind.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/error.h"
#include "flashcoop/project.h"
#include "flashcoop/record.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/verify.h"

#include "../unit/chained.h"
#include "../unit/rmtree.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_batch: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

static const char ini_text[] =
	"; a Flashcoop for the fuzzer\n"
	"[flashcoop]\n"
	"id       = FC-FUZZ\n"
	"name     = Fuzz Flashcoop\n"
	"activity = cookies\n"
	"start    = 2026-05-04\n"
	"end      = 2026-05-13\n"
	"\n"
	"[money]\n"
	"vat        = yes\n"
	"cae_rate   = 10\n"
	"share      = hours\n"
	"cash_float = 50.00\n"
	"\n"
	"[products]               ; name = price, VAT rate\n"
	"cookie        = 2.50, 5.5\n"
	"Biscuit-Apero = 3.00, 5.5\n"
	"sac-vrac      = 8.00, 20\n"
	"gratuit       = 0, 0\n";

static const char participants_text[] =
	"id,name,contract,enrolled,withdrawn,gender,birth_year,"
	"status_at_entry,referrer,note\n"
	"P001,Ada Lovelace,CAPE-1,2026-05-04,2026-05-11,F,2004,student,"
	"Mission Locale,\n"
	"P002,Bob,CAPE-2,2026-05-06,,M,,unemployed,,\"a note, with a comma\"\n";

/* Recorded at start, unless FUZZ_BATCH_EMPTY=1. */
static const char seed_batch[] =
	"kind,date,product,quantity,unit_price,amount,vat_rate,category,"
	"payment,participant,hours,ref,note\n"
	"sale,2026-05-05,cookie,2,,,,,card,,,R-1,first\n"
	"charge,2026-05-05,,,,\"4,20\",20,packaging,cash,,,INV-7,supplier\n"
	"sale,2026-05-06,biscuit-apero,1,,,,,cash,P001,,R-2,\n"
	"sale,2026-05-07,jus,3,1.20,3.60,5.5,,cash,P002,,,\n"
	"count,2026-05-06,,,,55.50,,,,,,,Ada\n"
	"hours,2026-05-07,,,,,,,,P001,7.5,T-1,\n"
	"hours,2026-05-07,,,,,,,,P002,8,,\n";

/* Then: a void names a row recorded before its batch. */
static const char seed_voids[] =
	"kind,ref,note\n"
	"void,S00002,wrong product\n"
	"void,H00002,typo\n";

static char dir[PATH_MAX], ledger[PATH_MAX], hours[PATH_MAX];
static struct project proj;
static char *pristine[2];
static size_t pristine_len[2];

static void cleanup(void)
{
	if (dir[0])
		test_rm_tree(dir);
}

static void write_file(const char *path, const char *data, size_t len,
                       mode_t mode)
{
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0 ||
	    chmod(path, mode) != 0) {
		perror(path);
		abort();
	}
}

static char *slurp(const char *path, size_t *len)
{
	struct fc_error e;
	char *data;
	if (store_slurp(path, &data, len, &e) != 0)
		FAIL("%s", e.msg);
	return data;
}

/* verify_project's problems, kept for the report. */
static void on_problem(void *ctx, const char *problem, bool warning)
{
	struct buf *b = ctx;
	buf_puts(b, warning ? "(warning) " : "");
	buf_puts(b, problem);
	buf_puts(b, "\n");
}

static void check_sound(const char *when, const uint8_t *data, size_t size)
{
	struct buf problems = { 0 };
	struct verify_stats st;
	struct fc_error e = { 0, "" };
	int rc = verify_project(dir, NULL, on_problem, &problems, NULL, NULL,
	                        &st, &e);

	if (rc != FC_OK || st.problems) {
		char *l = slurp(ledger, NULL), *h = slurp(hours, NULL);
		fprintf(stderr, "fuzz_batch: %s: verify_project gives %d (%s), "
		        "%zu problems:\n%s\nbatch (%zu bytes):\n%.*s\n"
		        "ledger.csv:\n%s\nhours.csv:\n%s\n", when, rc, e.msg,
		        st.problems, problems.p ? problems.p : "", size,
		        (int)size, data ? (const char *)data : "", l, h);
		abort();
	}
	buf_free(&problems);
}

/* Nothing in the folder but the project's files and the lock. */
static void check_litter(void)
{
	static const char *const ok[] = {
		".", "..", PROJECT_INI, PROJECT_PARTICIPANTS, PROJECT_LEDGER,
		PROJECT_HOURS, PROJECT_TERMINALS, PROJECT_DAYS, PROJECT_LOCAL,
		".lock", NULL
	};
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		FAIL("cannot open %s", dir);
	while ((de = readdir(d))) {
		size_t i;
		for (i = 0; ok[i] && strcmp(ok[i], de->d_name) != 0; i++)
			;
		if (!ok[i])
			FAIL("'%s' was left in the project folder", de->d_name);
	}
	closedir(d);
}

static void restore(void)
{
	write_file(ledger, pristine[0], pristine_len[0], 0644);
	write_file(hours, pristine[1], pristine_len[1], 0644);
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

static int run_batch(const char *data, size_t size, struct buf *ids,
                     struct record_result *res, struct fc_error *e)
{
	/* fmemopen needs a writable buffer and at least one byte; the copy
	 * is exactly as long as the input, so ASan sees any overread. */
	char *copy = malloc(size ? size : 1);
	FILE *in;
	int rc;

	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	in = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (!in)
		abort();
	rc = record_batch(&proj, in, "batch.csv", ids, res, e);
	fclose(in);
	free(copy);
	return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR"), *empty = getenv("FUZZ_BATCH_EMPTY");
	char path[PATH_MAX];
	struct fc_error e = { 0, "" };

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s/fuzz-batch.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		exit(1);
	}
	atexit(cleanup);
	project_path(dir, PROJECT_LEDGER, ledger, sizeof ledger);
	project_path(dir, PROJECT_HOURS, hours, sizeof hours);
	project_path(dir, PROJECT_INI, path, sizeof path);
	write_file(path, ini_text, sizeof ini_text - 1, 0644);
	project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path);
	write_file(path, participants_text, sizeof participants_text - 1,
	           0600);
	write_file(ledger, LEDGER_HEADER "\n", sizeof LEDGER_HEADER, 0644);
	write_file(hours, HOURS_HEADER "\n", sizeof HOURS_HEADER, 0644);
	/* A chained project: terminal main, this copy (tests/unit/chained.h). */
	if (test_terminal_files(dir) != 0)
		FAIL("cannot make the fuzzer's terminal in %s", dir);
	if (project_load(dir, &proj, &e) != 0)
		FAIL("the fuzzer's project does not load: %s", e.msg);
	if (!(empty && strcmp(empty, "1") == 0)) {
		struct buf ids = { 0 };
		struct record_result res;
		if (run_batch(seed_batch, sizeof seed_batch - 1, &ids, &res,
		              &e) != 0 ||
		    run_batch(seed_voids, sizeof seed_voids - 1, &ids, &res,
		              &e) != 0)
			FAIL("the seed batch is refused: %s", e.msg);
		buf_free(&ids);
	}
	check_sound("the pristine project", NULL, 0);
	check_litter();
	pristine[0] = slurp(ledger, &pristine_len[0]);
	pristine[1] = slurp(hours, &pristine_len[1]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf ids = { 0 };
	struct record_result res;
	struct fc_error e = { 0, "" };
	char *after[2];
	size_t after_len[2], added = 0;
	int rc;

	restore();
	rc = run_batch((const char *)data, size, &ids, &res, &e);
	after[0] = slurp(ledger, &after_len[0]);
	after[1] = slurp(hours, &after_len[1]);
	check_litter();
	if (rc != 0) {
		if (e.code != rc || !e.msg[0])
			FAIL("refused with %d, error code %d, message '%s'", rc,
			     e.code, e.msg);
		if (ids.len || res.recorded)
			FAIL("refused with %d but %zu recorded, ids '%.*s'", rc,
			     res.recorded, (int)ids.len, ids.p ? ids.p : "");
		for (int i = 0; i < 2; i++)
			if (after_len[i] != pristine_len[i] ||
			    memcmp(after[i], pristine[i], after_len[i]) != 0)
				FAIL("refused (%s) but %s changed", e.msg,
				     i ? PROJECT_HOURS : PROJECT_LEDGER);
	} else {
		for (int i = 0; i < 2; i++) {
			if (after_len[i] < pristine_len[i] ||
			    memcmp(after[i], pristine[i], pristine_len[i]) != 0)
				FAIL("%s was not appended to but rewritten",
				     i ? PROJECT_HOURS : PROJECT_LEDGER);
			if (after_len[i] > pristine_len[i] &&
			    after[i][after_len[i] - 1] != '\n')
				FAIL("%s does not end with a newline",
				     i ? PROJECT_HOURS : PROJECT_LEDGER);
			added += count_lines(after[i] + pristine_len[i],
			                     after_len[i] - pristine_len[i]);
		}
		if (added != res.recorded)
			FAIL("%zu recorded, %zu lines added", res.recorded, added);
		if (count_lines(ids.p ? ids.p : "", ids.len) != res.recorded)
			FAIL("%zu recorded, ids '%.*s'", res.recorded,
			     (int)ids.len, ids.p ? ids.p : "");
		if (res.recorded)
			check_sound("after a batch", data, size);
	}
	free(after[0]);
	free(after[1]);
	buf_free(&ids);
	return 0;
}
