/*
 * Unit tests for lib/amend.c: which columns may change after the closing
 * (amend_allowed), the "fixed" SHA-256 of participants.csv and closing.csv
 * (the file without those columns: the same whatever an amendment did,
 * another when anything else changed), whether a closing can be amended
 * (its seal has the fixed digests), and amendments landed on a closed
 * folder written by hand (amend_commit, amend_closing_names): closing.ini
 * kept byte for byte above its [amendments], which the seal then accepts,
 * and what it still refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/amend.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "older.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-amend-XXXXXX";
static char dir[64];            /* the project: tmpdir/p */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/p", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static const char *path_of(const char *name)
{
	static char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path_of(name), strcmp(name, PROJECT_INI) == 0 ||
	                       strcmp(name, PROJECT_LEDGER) == 0 ||
	                       strcmp(name, PROJECT_HOURS) == 0 ? 0644 : 0600),
	                 0);
}

static char *slurp(const char *name)
{
	char *data;
	size_t len;
	struct fc_error e;
	if (store_slurp(path_of(name), &data, &len, &e) != 0)
		fail_msg("store_slurp(%s): %s", name, e.msg);
	return data;
}

static int32_t may(int d)
{
	return date_from_ymd(2026, 5, d);
}

/* The fixed SHA-256 of text as file. */
static void fixed(const char *file, const char *text, char hex[SEAL_HEX])
{
	struct fc_error e;
	if (amend_fixed(file, text, strlen(text), hex, &e) != 0)
		fail_msg("amend_fixed(%s): %s", file, e.msg);
}

/* ---- what may change ---- */

static void test_allowed(void **state)
{
	static const enum participant_col yes[] = {
		PC_NAME, PC_CONTRACT, PC_NOTE, PC_EDUCATION, PC_QPV,
		PC_DISABILITY, PC_EXIT_STATUS, PC_EXIT_DATE, PC_STATUS_6M,
	};
	static const enum participant_col no[] = {
		PC_ID, PC_ENROLLED, PC_WITHDRAWN, PC_GENDER, PC_BIRTH_YEAR,
		PC_STATUS, PC_REFERRER, PC_CONTRACT_TYPE,
	};
	(void)state;

	/* Every column is one or the other. */
	assert_int_equal(sizeof yes / sizeof *yes + sizeof no / sizeof *no,
	                 PARTICIPANT_NCOLS);
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (!amend_allowed(yes[i]))
			fail_msg("%s may change after the closing",
			         participant_col_name(yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (amend_allowed(no[i]))
			fail_msg("%s may not change after the closing",
			         participant_col_name(no[i]));

	assert_true(amend_has_fixed(PROJECT_PARTICIPANTS));
	assert_true(amend_has_fixed(PROJECT_CLOSING_CSV));
	assert_false(amend_has_fixed(PROJECT_LEDGER));
	assert_false(amend_has_fixed(PROJECT_HOURS));
	assert_false(amend_has_fixed(PROJECT_INI));
	assert_false(amend_has_fixed(PROJECT_CLOSING_INI));
}

/* ---- the fixed SHA-256 ---- */

#define ROW1 "P001,Ada,CAPE-01,2026-05-04,,f,1990,RSA,ML,,CAPE,"
#define ROW2 "P002,Bruno,CAPE-02,2026-05-04,2026-05-08,m,,,,,CESA,"

static void test_fixed_participants(void **state)
{
	char a[SEAL_HEX], b[SEAL_HEX], own[SEAL_HEX];
	struct fc_error e;
	static const char base[] = PARTICIPANT_HEADER "\n"
		ROW1 ",,,,,\n"
		ROW2 ",,,,,\n";
	(void)state;

	fixed(PROJECT_PARTICIPANTS, base, a);
	/* Not the file's own digest. */
	assert_int_equal(seal_buffer(base, strlen(base), own, &e), 0);
	assert_string_not_equal(a, own);

	/* Every amendable column changed at once: name, contract, note,
	 * education, qpv, disability, exit_status, exit_date,
	 * status_6_months.  The same. */
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	      "P001,anonymised-P001,anonymised-P001,2026-05-04,,f,1990,RSA,ML,,"
	      "CAPE,4,yes,no,employment,2026-05-13,training\n"
	      ROW2 ",,,,,\n", b);
	assert_string_equal(a, b);
	/* A note, quoting where the file did not need it: the same (the
	 * rows are written again). */
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	      ROW1 ",,,,,\n"
	      "\"P002\",Bruno,CAPE-02,2026-05-04,2026-05-08,m,,,,\"a, b\",CESA,"
	      ",,,,,\n", b);
	assert_string_equal(a, b);

	/* Anything else: another digest. */
	{
		static const char *const changed[] = {
			/* enrolled */
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-05,,f,1990,RSA,ML,,CAPE,,,,,,\n"
			ROW2 ",,,,,\n",
			/* gender */
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-04,,F,1990,RSA,ML,,CAPE,,,,,,\n"
			ROW2 ",,,,,\n",
			/* withdrawn */
			PARTICIPANT_HEADER "\n"
			ROW1 ",,,,,\n"
			"P002,Bruno,CAPE-02,2026-05-04,2026-05-09,m,,,,,CESA,,,,,,\n",
			/* birth year, status at entry, referrer */
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-04,,f,1991,RSA,ML,,CAPE,,,,,,\n"
			ROW2 ",,,,,\n",
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-04,,f,1990,,ML,,CAPE,,,,,,\n"
			ROW2 ",,,,,\n",
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-04,,f,1990,RSA,,,CAPE,,,,,,\n"
			ROW2 ",,,,,\n",
			/* contract type */
			PARTICIPANT_HEADER "\n"
			"P001,Ada,CAPE-01,2026-05-04,,f,1990,RSA,ML,,CDD,,,,,,\n"
			ROW2 ",,,,,\n",
			/* an id */
			PARTICIPANT_HEADER "\n"
			ROW1 ",,,,,\n"
			"P003,Bruno,CAPE-02,2026-05-04,2026-05-08,m,,,,,CESA,,,,,,\n",
			/* a row gone, a row added, the rows swapped */
			PARTICIPANT_HEADER "\n"
			ROW1 ",,,,,\n",
			PARTICIPANT_HEADER "\n"
			ROW1 ",,,,,\n"
			ROW2 ",,,,,\n"
			"P003,Cy,CAPE-03,2026-05-05,,,,,,,,,,,,,\n",
			PARTICIPANT_HEADER "\n"
			ROW2 ",,,,,\n"
			ROW1 ",,,,,\n",
		};
		for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) {
			fixed(PROJECT_PARTICIPANTS, changed[i], b);
			if (strcmp(a, b) == 0)
				fail_msg("the same fixed digest for:\n%s", changed[i]);
		}
	}
}

/* An older file of ten columns: the columns an amendment adds at the
 * header's end (exit_status, exit_date...) are amendable: the same fixed
 * digest as before they came. */
static void test_fixed_columns_added(void **state)
{
	char a[SEAL_HEX], b[SEAL_HEX];
	(void)state;

	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 "\n"
	      "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,\n"
	      "P002,Bruno,CAPE-02,2026-05-04,,,,,,x\n", a);
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1
	      ",exit_status,exit_date,qpv\n"
	      "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,,employment,2026-05-13,\n"
	      "P002,Bruno,CAPE-02,2026-05-04,,,,,,,,,yes\n", b);
	assert_string_equal(a, b);
	/* And all of them, status_6_months, education, disability too. */
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1
	      ",status_6_months,education,disability\n"
	      "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,,other,5,yes\n"
	      "P002,Bruno,CAPE-02,2026-05-04,,,,,,,,,\n", b);
	assert_string_equal(a, b);
	/* A column that is not amendable added: another digest. */
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 ",contract_type\n"
	      "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,,\n"
	      "P002,Bruno,CAPE-02,2026-05-04,,,,,,x,\n", b);
	assert_string_not_equal(a, b);
	/* An unknown column is kept in the digest. */
	fixed(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 ",club\n"
	      "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,,\n"
	      "P002,Bruno,CAPE-02,2026-05-04,,,,,,x,\n", b);
	assert_string_not_equal(a, b);
}

/* closing.csv: name and contract may change (an anonymisation), not the
 * hours nor any figure of the pay. */
#define CLOSING_TEXT "participant,name,contract,hours,share," \
	"employer_contributions,gross,employee_contributions,net\n" \
	"P001,Ada,CAPE-01,7.00,60.75,6.99,53.76,11.83,41.93\n" \
	"P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.98\n"

static void test_fixed_closing(void **state)
{
	char a[SEAL_HEX], b[SEAL_HEX];
	(void)state;

	fixed(PROJECT_CLOSING_CSV, CLOSING_TEXT, a);
	fixed(PROJECT_CLOSING_CSV, "participant,name,contract,hours,share,"
	      "employer_contributions,gross,employee_contributions,net\n"
	      "P001,anonymised-P001,anonymised-P001,7.00,60.75,6.99,53.76,"
	      "11.83,41.93\n"
	      "P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.98\n", b);
	assert_string_equal(a, b);
	/* The hours, the share, the net: another digest. */
	fixed(PROJECT_CLOSING_CSV, "participant,name,contract,hours,share,"
	      "employer_contributions,gross,employee_contributions,net\n"
	      "P001,Ada,CAPE-01,7.50,60.75,6.99,53.76,11.83,41.93\n"
	      "P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.98\n", b);
	assert_string_not_equal(a, b);
	fixed(PROJECT_CLOSING_CSV, "participant,name,contract,hours,share,"
	      "employer_contributions,gross,employee_contributions,net\n"
	      "P001,Ada,CAPE-01,7.00,70.75,6.99,53.76,11.83,41.93\n"
	      "P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.98\n", b);
	assert_string_not_equal(a, b);
	fixed(PROJECT_CLOSING_CSV, "participant,name,contract,hours,share,"
	      "employer_contributions,gross,employee_contributions,net\n"
	      "P001,Ada,CAPE-01,7.00,60.75,6.99,53.76,11.83,41.93\n"
	      "P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.99\n", b);
	assert_string_not_equal(a, b);
	/* closing.csv has no note, no outcome: a column named so is kept
	 * (only participants.csv's are amendable there). */
	fixed(PROJECT_CLOSING_CSV, "participant,name,note\nP001,Ada,x\n", a);
	fixed(PROJECT_CLOSING_CSV, "participant,name,note\nP001,Ada,y\n", b);
	assert_string_not_equal(a, b);
	fixed(PROJECT_CLOSING_CSV, "participant,name,note\nP001,Bo,x\n", b);
	fixed(PROJECT_CLOSING_CSV, "participant,name,note\nP001,Ada,x\n", a);
	assert_string_equal(a, b);
}

/* ---- a closed folder, written by hand ---- */

#define PEOPLE PARTICIPANT_HEADER "\n" \
	"P001,Ada,CAPE-01,2026-05-04,,f,1990,,,met at the market," \
	"CAPE,,,,,,\n" \
	"P002,Bruno,CAPE-02,2026-05-04,2026-05-08,,,,,,CAPE,,,,,,\n"

#define CLOSING_INI_HEAD "[closing]\nproject           = FC-1\n" \
	"date              = 2026-05-13\n"

/* The files of a small project, closing.csv, and closing.ini with the
 * date and the seal seal_section gives (the fixed digests in it), as
 * flashcoop-close writes them; a project without terminals.csv (not
 * chained), so no signature.  The text of closing.ini to ini (free). */
static void closed(char **ini)
{
	struct buf b = { 0 };
	struct fc_error e;

	test_rm_tree(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file(PROJECT_INI, "[flashcoop]\nid = FC-1\n");
	write_file(PROJECT_PARTICIPANTS, PEOPLE);
	write_file(PROJECT_LEDGER, "id,date,kind\nS00001,2026-05-09,sale\n");
	write_file(PROJECT_HOURS, "id,date,kind\nH00001,2026-05-05,hours\n");
	write_file(PROJECT_CLOSING_CSV, CLOSING_TEXT);
	buf_puts(&b, CLOSING_INI_HEAD);
	if (seal_section(&b, dir, CLOSING_TEXT, strlen(CLOSING_TEXT), &e) != 0)
		fail_msg("seal_section: %s", e.msg);
	write_file(PROJECT_CLOSING_INI, b.p);
	*ini = b.p;
}

static void found(void *ctx, const char *file, const char *problem)
{
	struct buf *b = ctx;
	buf_puts(b, file);
	buf_puts(b, ": ");
	buf_puts(b, problem);
	buf_puts(b, "\n");
}

/* seal_verify finds n problems, the first saying want (when n). */
static void seal_finds(int n, const char *want)
{
	struct buf b = { 0 };
	struct fc_error e;
	int got = seal_verify(dir, found, &b, &e);

	if (got != n)
		fail_msg("seal_verify: %d problem(s), want %d:\n%s", got, n,
		         b.p ? b.p : "");
	if (want && (!b.p || !strstr(b.p, want)))
		fail_msg("seal_verify does not say \"%s\":\n%s", want,
		         b.p ? b.p : "");
	buf_free(&b);
}

/* closing.ini's [amendments] holds "key = value" (keys aligned). */
static void amendment_says(const char *ini, const char *key,
                           const char *value)
{
	const char *sec = strstr(ini, "\n[" AMEND_SECTION "]\n");
	char line[256];

	assert_non_null(sec);
	snprintf(line, sizeof line, "\n%-17s = %s\n", key, value);
	if (!strstr(sec, line))
		fail_msg("[amendments] has no line \"%s\":\n%s", line + 1, sec);
}

static int count_of(const char *text, const char *s)
{
	int n = 0;
	for (const char *p = strstr(text, s); p; p = strstr(p + 1, s))
		n++;
	return n;
}

static void test_possible(void **state)
{
	struct fc_error e = { 0, "" };
	char *ini;
	(void)state;

	closed(&ini);
	assert_int_equal(amend_possible(dir, &e), 0);
	/* Closed by an older version: no participants.csv.fixed in the
	 * seal. */
	{
		struct buf b = { 0 };
		for (const char *l = ini; *l; l = strchr(l, '\n') + 1)
			if (strncmp(l, "participants.csv.fixed", 22) != 0)
				buf_add(&b, l, (size_t)(strchr(l, '\n') + 1 - l));
		write_file(PROJECT_CLOSING_INI, b.p);
		assert_null(strstr(b.p, "participants.csv.fixed"));
		buf_free(&b);
	}
	assert_int_equal(amend_possible(dir, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "closed by an older version"));
	assert_non_null(strstr(e.msg, "cannot be amended"));
	/* Nor without any seal. */
	write_file(PROJECT_CLOSING_INI, CLOSING_INI_HEAD);
	assert_int_equal(amend_possible(dir, &e), FC_DATAERR);
	/* No closing.ini: not closed, nothing to amend. */
	assert_int_equal(unlink(path_of(PROJECT_CLOSING_INI)), 0);
	assert_int_not_equal(amend_possible(dir, &e), 0);
	free(ini);
}

/* An outcome, then two anonymisations: each recorded in [amendments]
 * (written anew each time, all above it kept byte for byte), and the
 * seal accepts the files. */
static void test_commit(void **state)
{
	const char *set[PARTICIPANT_NCOLS] = { 0 };
	struct buf people = { 0 }, closing = { 0 };
	struct fc_error e = { 0, "" };
	char *ini, *now, hex[SEAL_HEX];
	(void)state;

	closed(&ini);
	seal_finds(0, NULL);

	/* P001 in employment at exit, on the project's end. */
	set[PC_EXIT_STATUS] = "employment";
	set[PC_EXIT_DATE] = "2026-05-13";
	assert_int_equal(participants_text(dir, "P001", set, NULL, &people, &e),
	                 0);
	if (amend_commit(dir, may(20), NULL, &people, NULL, &e) != 0)
		fail_msg("amend_commit: %s", e.msg);
	now = slurp(PROJECT_PARTICIPANTS);
	assert_string_equal(now, PARTICIPANT_HEADER "\n"
	                    "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,met at the "
	                    "market,CAPE,,,,employment,2026-05-13,\n"
	                    "P002,Bruno,CAPE-02,2026-05-04,2026-05-08,,,,,,CAPE,"
	                    ",,,,,\n");
	free(now);
	now = slurp(PROJECT_CLOSING_INI);
	/* The closing as it was, a blank line, then the section. */
	assert_int_equal(strncmp(now, ini, strlen(ini)), 0);
	assert_int_equal(strncmp(now + strlen(ini), "\n[amendments]\n", 14), 0);
	amendment_says(now, "date", "2026-05-20");
	assert_int_equal(seal_buffer(people.p, people.len, hex, &e), 0);
	amendment_says(now, PROJECT_PARTICIPANTS, hex);
	assert_int_equal(seal_file(path_of(PROJECT_CLOSING_CSV), hex, &e), 0);
	amendment_says(now, PROJECT_CLOSING_CSV, hex);
	/* Nobody anonymised yet. */
	assert_null(strstr(now, "\nanonymised"));
	free(now);
	buf_free(&people);
	seal_finds(0, NULL);
	assert_int_equal(amend_possible(dir, &e), 0);

	/* P002 anonymised: participants.csv and closing.csv. */
	memset(set, 0, sizeof set);
	set[PC_NAME] = set[PC_CONTRACT] = "anonymised-P002";
	set[PC_NOTE] = "";
	assert_int_equal(participants_text(dir, "P002", set, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_closing_names(dir, "P002", "anonymised-P002",
	                                     &closing, &e), 0);
	/* Bruno and CAPE-02 replaced, every other byte kept. */
	assert_int_equal(closing.len, strlen(CLOSING_TEXT) - strlen("Bruno") -
	                 strlen("CAPE-02") + 2 * strlen("anonymised-P002"));
	assert_non_null(strstr(closing.p, "\nP002,anonymised-P002,"
	                       "anonymised-P002,1.00,20.25,2.33,17.92,3.94,"
	                       "13.98\n"));
	assert_non_null(strstr(closing.p, "\nP001,Ada,CAPE-01,7.00,"));
	if (amend_commit(dir, may(21), "P002", &people, &closing, &e) != 0)
		fail_msg("amend_commit: %s", e.msg);
	now = slurp(PROJECT_CLOSING_CSV);
	assert_string_equal(now, closing.p);
	free(now);
	now = slurp(PROJECT_CLOSING_INI);
	/* One section still, anew: the closing kept above it. */
	assert_int_equal(count_of(now, "[amendments]"), 1);
	assert_int_equal(strncmp(now, ini, strlen(ini)), 0);
	amendment_says(now, "date", "2026-05-21");
	amendment_says(now, "anonymised", "P002");
	assert_int_equal(seal_buffer(closing.p, closing.len, hex, &e), 0);
	amendment_says(now, PROJECT_CLOSING_CSV, hex);
	free(now);
	buf_free(&people);
	buf_free(&closing);
	seal_finds(0, NULL);

	/* P001 too: the ids add up. */
	set[PC_NAME] = set[PC_CONTRACT] = "anonymised-P001";
	assert_int_equal(participants_text(dir, "P001", set, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_closing_names(dir, "P001", "anonymised-P001",
	                                     &closing, &e), 0);
	assert_int_equal(amend_commit(dir, may(22), "P001", &people, &closing,
	                              &e), 0);
	now = slurp(PROJECT_CLOSING_INI);
	assert_int_equal(count_of(now, "[amendments]"), 1);
	amendment_says(now, "anonymised", "P002 P001");
	free(now);
	buf_free(&people);
	buf_free(&closing);
	seal_finds(0, NULL);
	/* An outcome after that: the ids kept, closing.csv's digest the
	 * anonymised file's. */
	memset(set, 0, sizeof set);
	set[PC_STATUS_6M] = "training";
	assert_int_equal(participants_text(dir, "P002", set, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(23), NULL, &people, NULL, &e), 0);
	now = slurp(PROJECT_CLOSING_INI);
	amendment_says(now, "anonymised", "P002 P001");
	amendment_says(now, "date", "2026-05-23");
	free(now);
	buf_free(&people);
	seal_finds(0, NULL);
	free(ini);
}

/* What an amendment may not do, the seal still tells: a fixed column
 * changed (even recorded in [amendments]), closing.csv's figures, or an
 * amendable column changed by hand without [amendments]. */
static void test_commit_refused_by_seal(void **state)
{
	const char *set[PARTICIPANT_NCOLS] = { 0 };
	struct buf people = { 0 }, closing = { 0 };
	struct fc_error e = { 0, "" };
	char *ini;
	(void)state;

	/* amend_commit lands what it is given (enroll checks the columns:
	 * amend_allowed); an enrolment date moved is a change all the
	 * same. */
	closed(&ini);
	set[PC_ENROLLED] = "2026-05-05";
	assert_int_equal(participants_text(dir, "P001", set, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(20), NULL, &people, NULL, &e), 0);
	seal_finds(1, "participants.csv: changed after the closing");
	buf_free(&people);
	free(ini);

	/* closing.csv's hours. */
	closed(&ini);
	buf_puts(&closing, "participant,name,contract,hours,share,"
	         "employer_contributions,gross,employee_contributions,net\n"
	         "P001,Ada,CAPE-01,7.50,60.75,6.99,53.76,11.83,41.93\n"
	         "P002,Bruno,CAPE-02,1.00,20.25,2.33,17.92,3.94,13.98\n");
	memset(set, 0, sizeof set);
	assert_int_equal(participants_text(dir, NULL, NULL, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(20), NULL, &people, &closing, &e),
	                 0);
	seal_finds(1, "closing.csv: changed after the closing");
	buf_free(&people);
	buf_free(&closing);
	free(ini);

	/* An outcome written by hand, no [amendments]: changed. */
	closed(&ini);
	write_file(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	           "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,met at the market,"
	           "CAPE,,,,other,,\n"
	           "P002,Bruno,CAPE-02,2026-05-04,2026-05-08,,,,,,CAPE,,,,,,\n");
	seal_finds(1, "participants.csv: changed after the closing");
	free(ini);

	/* An amendment, then another change by hand: the file is no longer
	 * the one [amendments] names. */
	closed(&ini);
	memset(set, 0, sizeof set);
	set[PC_QPV] = "yes";
	assert_int_equal(participants_text(dir, "P002", set, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(20), NULL, &people, NULL, &e), 0);
	seal_finds(0, NULL);
	write_file(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	           "P001,Ada,CAPE-01,2026-05-04,,f,1990,,,met at the market,"
	           "CAPE,,,,,,\n"
	           "P002,Bruno,CAPE-02,2026-05-04,2026-05-08,,,,,,CAPE,,no,,,,\n");
	seal_finds(1, "participants.csv: changed after the closing");
	buf_free(&people);
	free(ini);
}

/* Anonymised ids are whole ids: P100 after P1000 is added (the list is
 * not searched for a part of an id). */
static void test_anonymised_ids_whole(void **state)
{
	struct buf people = { 0 };
	struct fc_error e = { 0, "" };
	char *ini, *now;
	(void)state;

	closed(&ini);
	assert_int_equal(participants_text(dir, NULL, NULL, NULL, &people, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(20), "P1000", &people, NULL, &e),
	                 0);
	assert_int_equal(amend_commit(dir, may(20), "P100", &people, NULL, &e),
	                 0);
	/* Ids matched whole: P100 is not P1000's (it was, by strstr). */
	now = slurp(PROJECT_CLOSING_INI);
	assert_non_null(strstr(now, "anonymised        = P1000 P100\n"));
	free(now);
	buf_free(&people);
	free(ini);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_fixed_participants),
		cmocka_unit_test(test_fixed_columns_added),
		cmocka_unit_test(test_fixed_closing),
		cmocka_unit_test(test_possible),
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_commit_refused_by_seal),
		cmocka_unit_test(test_anonymised_ids_whole),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
