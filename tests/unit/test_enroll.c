/*
 * Unit tests for lib/enroll.c: participants enrolled and withdrawn under
 * the project lock, after the project's checks, on a project written by
 * hand in a temporary folder: the next id and the line appended (in the
 * file's own column order, or the file rewritten when an older one lacks
 * the column a value needs), every refusal leaving participants.csv byte
 * for byte, a withdrawal not before a row of theirs that is not voided,
 * an update (the fields set, checked as at enrolment; after the closing
 * only the outcomes), and the list read from a sound project only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/date.h"
#include "flashcoop/enroll.h"
#include "flashcoop/error.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"

#include "chained.h"
#include "older.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-enroll-XXXXXX";
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
	assert_int_equal(test_write_file(path_of(name), name, text), 0);
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

static void file_is(const char *name, const char *want)
{
	char *got = slurp(name);
	assert_string_equal(got, want);
	free(got);
}

static int32_t may(int d)
{
	return date_from_ymd(2026, 5, d);
}

#define INI "[flashcoop]\nid = FC-1\nname = Test\nstart = 2026-05-04\n" \
	"end = 2026-05-13\n\n[money]\nvat = yes\ncae_rate = 10\n" \
	"share = hours\ncash_float = 50.00\n\n[products]\n" \
	"cookie = 2.50, 5.5\n"

#define PEOPLE PARTICIPANT_HEADER "\n" \
	"P001,Ada,CAPE-01,2026-05-04,,,,,," PARTICIPANT_V2_EMPTY "\n" \
	"P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,," PARTICIPANT_V2_EMPTY "\n"
/* The same written before issue 18: ten columns. */
#define PEOPLE_V1 PARTICIPANT_HEADER_V1 "\n" \
	"P001,Ada,CAPE-01,2026-05-04,,,,,,\n" \
	"P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,\n"

/* S00001 by P001 on 05-07 (voided by V00001), S00002 by P001 on 05-09;
 * H00001 of P001 on 05-06. */
#define LEDGER LEDGER_HEADER_V1 "\n" \
	"S00001,2026-05-07,sale,cookie,1,2.50,2.50,5.5,,cash,P001,,\n" \
	"S00002,2026-05-09,sale,cookie,2,2.50,5.00,5.5,,cash,P001,,\n" \
	"V00001,2026-05-07,void,cookie,1,2.50,2.50,5.5,,cash,P001,S00001," \
	"wrong\n"
#define HOURS HOURS_HEADER "\n" \
	"H00001,2026-05-06,hours,P001,7.00,,,production\n"

static struct project P;
static bool loaded;

static void project(const char *people)
{
	struct fc_error e;

	if (loaded)
		project_free(&P);
	loaded = false;
	test_rm_tree(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	write_file(PROJECT_INI, INI);
	write_file(PROJECT_PARTICIPANTS, people);
	write_file(PROJECT_LEDGER, LEDGER);
	write_file(PROJECT_HOURS, HOURS);
	assert_int_equal(test_terminal_files(dir), 0);
	if (project_load(dir, &P, &e) != 0)
		fail_msg("project_load: %s", e.msg);
	loaded = true;
}

static int project_gone(void **state)
{
	(void)state;
	if (loaded)
		project_free(&P);
	loaded = false;
	return 0;
}

static struct participant person(const char *name, const char *contract,
                                 int32_t enrolled)
{
	struct participant p;
	memset(&p, 0, sizeof p);
	p.name = (char *)name;
	p.contract = (char *)contract;
	p.gender = p.status = p.referrer = p.note = (char *)"";
	p.enrolled = enrolled;
	p.withdrawn = p.exit_date = DATE_NONE;
	return p;
}

/* fn's refusal: code, a message holding want, participants.csv as it
 * was. */
#define REFUSED(call, code, want) do { \
	char *before_ = slurp(PROJECT_PARTICIPANTS); \
	struct fc_error e_ = { 0, "" }; \
	int rc_ = (call); \
	if (rc_ != (code)) \
		fail_msg("%s = %d, want %d (%s)", #call, rc_, (code), e_.msg); \
	if (!strstr(e_.msg, (want))) \
		fail_msg("\"%s\" does not say \"%s\"", e_.msg, (want)); \
	file_is(PROJECT_PARTICIPANTS, before_); \
	free(before_); \
} while (0)

/* ---- enrolment ---- */

static void test_add(void **state)
{
	struct participant p = person("Chloé", "CAPE-03", may(6));
	struct fc_error e = { 0, "" };
	(void)state;

	project(PEOPLE);
	p.gender = (char *)"f";
	p.birth_year = 1988;
	p.note = (char *)"via \"Mission\", locale";
	p.contract_type = (char *)"CAPE";
	p.education = (char *)"5";
	if (enroll_add(&P, &p, &e) != 0)
		fail_msg("enroll_add: %s", e.msg);
	/* The next id after P002, the line appended as written. */
	assert_string_equal(p.id, "P003");
	file_is(PROJECT_PARTICIPANTS, PEOPLE
	        "P003,Chloé,CAPE-03,2026-05-06,,f,1988,,,"
	        "\"via \"\"Mission\"\", locale\",CAPE,5,,,,,\n");
	/* Then P004: the file just written is read again. */
	p = person("Dan", "CAPE-04", may(13));
	assert_int_equal(enroll_add(&P, &p, &e), 0);
	assert_string_equal(p.id, "P004");
	{
		struct stat st;
		assert_int_equal(stat(path_of(PROJECT_PARTICIPANTS), &st), 0);
		assert_int_equal(st.st_mode & 07777, 0600);
	}
	/* The list. */
	{
		struct participants ps;
		assert_int_equal(enroll_read(&P, &ps, &e), 0);
		assert_int_equal(ps.n, 4);
		assert_string_equal(ps.v[2].name, "Chloé");
		assert_int_equal(ps.v[2].birth_year, 1988);
		assert_string_equal(ps.v[2].contract_type, "CAPE");
		assert_string_equal(ps.v[2].education, "5");
		assert_int_equal(ps.v[3].enrolled, may(13));
		participants_free(&ps);
	}
}

/* An older participants.csv (ten columns): a row whose new fields are
 * empty is appended in ten columns; one with a contract type makes the
 * file rewritten with the column added at the header's end. */
static void test_add_older_file(void **state)
{
	struct participant p = person("Chloé", "CAPE-03", may(6));
	struct fc_error e = { 0, "" };
	(void)state;

	project(PEOPLE_V1);
	assert_int_equal(enroll_add(&P, &p, &e), 0);
	assert_string_equal(p.id, "P003");
	file_is(PROJECT_PARTICIPANTS, PEOPLE_V1
	        "P003,Chloé,CAPE-03,2026-05-06,,,,,,\n");

	p = person("Dan", "CAPE-04", may(7));
	p.contract_type = (char *)"CESA";
	p.qpv = (char *)"yes";
	if (enroll_add(&P, &p, &e) != 0)
		fail_msg("enroll_add: %s", e.msg);
	assert_string_equal(p.id, "P004");
	/* contract_type and qpv after note, in our order; every other byte
	 * of every row kept. */
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 ",contract_type,qpv\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,,\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,,,\n"
	        "P003,Chloé,CAPE-03,2026-05-06,,,,,,,,\n"
	        "P004,Dan,CAPE-04,2026-05-07,,,,,,,CESA,yes\n");
	{
		struct stat st;
		assert_int_equal(stat(path_of(PROJECT_PARTICIPANTS), &st), 0);
		assert_int_equal(st.st_mode & 07777, 0600);
	}
	/* The project is still sound, and reads so. */
	{
		struct participants ps;
		assert_int_equal(enroll_read(&P, &ps, &e), 0);
		assert_int_equal(ps.n, 4);
		assert_string_equal(ps.v[3].contract_type, "CESA");
		assert_string_equal(ps.v[0].contract_type, "");
		participants_free(&ps);
	}
}

/* The first participant of an empty file is P001; a file of another
 * column order gets its line in that order. */
static void test_add_first_and_order(void **state)
{
	struct participant p = person("Ada", "CAPE-01", may(4));
	struct fc_error e = { 0, "" };
	(void)state;

	project(PARTICIPANT_HEADER "\n");
	write_file(PROJECT_LEDGER, LEDGER_HEADER_V1 "\n");
	write_file(PROJECT_HOURS, HOURS_HEADER "\n");
	assert_int_equal(enroll_add(&P, &p, &e), 0);
	assert_string_equal(p.id, "P001");
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,," PARTICIPANT_V2_EMPTY "\n");

	project("name,id,contract,enrolled,withdrawn,note,club\n"
	        "Ada,P001,CAPE-01,2026-05-04,,,chess\n");
	write_file(PROJECT_LEDGER, LEDGER_HEADER_V1 "\n");
	write_file(PROJECT_HOURS, HOURS_HEADER "\n");
	p = person("Bruno", "CAPE-02", may(5));
	p.note = (char *)"n";
	assert_int_equal(enroll_add(&P, &p, &e), 0);
	assert_string_equal(p.id, "P002");
	file_is(PROJECT_PARTICIPANTS, "name,id,contract,enrolled,withdrawn,note,"
	        "club\nAda,P001,CAPE-01,2026-05-04,,,chess\n"
	        "Bruno,P002,CAPE-02,2026-05-05,,n,\n");
	/* A value with no column in that file: the column added at the
	 * header's end, the others' rows empty there. */
	p = person("Chloé", "CAPE-03", may(5));
	p.gender = (char *)"f";
	assert_int_equal(enroll_add(&P, &p, &e), 0);
	assert_string_equal(p.id, "P003");
	file_is(PROJECT_PARTICIPANTS, "name,id,contract,enrolled,withdrawn,note,"
	        "club,gender\nAda,P001,CAPE-01,2026-05-04,,,chess,\n"
	        "Bruno,P002,CAPE-02,2026-05-05,,n,,\n"
	        "Chloé,P003,CAPE-03,2026-05-05,,,,f\n");
}

static void test_add_refusals(void **state)
{
	struct participant p;
	(void)state;

	project(PEOPLE);
	p = person("Chloé", "CAPE-02", may(6));
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR,
	        "contract 'CAPE-02' is already P002's");
	p = person("Chloé", "CAPE-03", may(14));
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR,
	        "enrolment date 2026-05-14 is after the project's end");
	p = person("", "CAPE-03", may(6));
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "the name is empty");
	p = person("Chloé", "CAPE-03", may(6));
	p.birth_year = 1850;
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "birth year 1850 is not "
	        "a year");
	p = person("Chloé\tX", "CAPE-03", may(6));
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "name 'Chlo");
	/* A value out of its list (the command makes it canonical
	 * first), an exit before enrolment. */
	p = person("Chloé", "CAPE-03", may(6));
	p.contract_type = (char *)"cape";
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "contract_type 'cape' is "
	        "not one of: CAPE CESA CDD other");
	p = person("Chloé", "CAPE-03", may(6));
	p.education = (char *)"bac";
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "education 'bac' is not "
	        "one of: none 3 4 5 6 7 8");
	p = person("Chloé", "CAPE-03", may(6));
	p.exit_date = may(5);
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "the exit date comes "
	        "before enrolment");

	/* A project with a fault elsewhere (a gap in the ledger's ids):
	 * nothing enrolled. */
	write_file(PROJECT_LEDGER, LEDGER_HEADER_V1 "\n"
	           "S00002,2026-05-09,sale,cookie,2,2.50,5.00,5.5,,cash,P001,,\n");
	p = person("Chloé", "CAPE-03", may(6));
	REFUSED(enroll_add(&P, &p, &e_), FC_DATAERR, "S00001 is missing");
	/* A closed project: 77. */
	project(PEOPLE);
	write_file(PROJECT_CLOSING_INI, "[closing]\ndate = 2026-05-13\n");
	REFUSED(enroll_add(&P, &p, &e_), FC_CLOSED, "closed");
}

/* ---- withdrawal ---- */

static void test_withdraw(void **state)
{
	struct fc_error e = { 0, "" };
	(void)state;

	project(PEOPLE);
	/* P001's rows: H00001 on 05-06, S00002 on 05-09 (S00001 of 05-07
	 * is voided).  Not on or before 05-09. */
	REFUSED(enroll_withdraw(&P, "P001", may(9), "", &e_), FC_DATAERR,
	        "ledger.csv:3: S00002 of P001 is dated on or after 2026-05-09: "
	        "withdraw later, or void it first");
	REFUSED(enroll_withdraw(&P, "P001", may(6), "", &e_), FC_DATAERR,
	        "of P001 is dated on or after 2026-05-06");
	/* The day after its last row: yes, with the reason in its note. */
	assert_int_equal(enroll_withdraw(&P, "P001", may(10), "a job", &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,2026-05-10,,,,,withdrawn: a job"
	        PARTICIPANT_V2_EMPTY "\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,"
	        PARTICIPANT_V2_EMPTY "\n");
	/* Not twice; not someone unknown; not past the day after the end;
	 * not before enrolment. */
	REFUSED(enroll_withdraw(&P, "P001", may(11), "", &e_), FC_DATAERR,
	        "P001 already withdrew on 2026-05-10");
	REFUSED(enroll_withdraw(&P, "P009", may(11), "", &e_), FC_DATAERR,
	        "no participant 'P009'");

	project(PEOPLE);
	REFUSED(enroll_withdraw(&P, "P001", may(15), "", &e_), FC_DATAERR,
	        "withdrawal date 2026-05-15 is past the project's end");
	REFUSED(enroll_withdraw(&P, "P001", may(3), "", &e_), FC_DATAERR,
	        "P001 was enrolled on 2026-05-04, after 2026-05-03");
	/* The day after the end is the last one taken. */
	assert_int_equal(enroll_withdraw(&P, "P001", may(14), "", &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,2026-05-14,,,,,"
	        PARTICIPANT_V2_EMPTY "\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,"
	        PARTICIPANT_V2_EMPTY "\n");

	/* An older file: withdrawn in its ten columns. */
	project(PEOPLE_V1);
	assert_int_equal(enroll_withdraw(&P, "P001", may(10), "moved", &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 "\n"
	        "P001,Ada,CAPE-01,2026-05-04,2026-05-10,,,,,withdrawn: moved\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,\n");
	/* A reason that makes the note longer than 1000 bytes. */
	{
		char reason[1001];
		memset(reason, 'r', 990);
		reason[990] = '\0';
		project(PEOPLE);
		/* "withdrawn: " (11 bytes) and 990: 1001. */
		REFUSED(enroll_withdraw(&P, "P001", may(10), reason, &e_),
		        FC_DATAERR, "the reason makes the note longer than 1000 "
		        "bytes");
		/* 989: 1000, taken. */
		reason[989] = '\0';
		assert_int_equal(enroll_withdraw(&P, "P001", may(10), reason, &e),
		                 0);
	}
}

/* ---- an update ---- */

/* set with one value, the others NULL (left as they are). */
#define SET1(set, c, v) do { \
	memset(set, 0, sizeof set); \
	set[c] = (v); \
} while (0)

static void test_update(void **state)
{
	const char *set[PARTICIPANT_NCOLS];
	struct fc_error e = { 0, "" };
	(void)state;

	project(PEOPLE);
	/* Two fields of P001, in their columns; P002 untouched. */
	memset(set, 0, sizeof set);
	set[PC_EDUCATION] = "4";
	set[PC_QPV] = "no";
	if (enroll_update(&P, "P001", set, may(12), &e) != 0)
		fail_msg("enroll_update: %s", e.msg);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,,4,no,,,,\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,"
	        PARTICIPANT_V2_EMPTY "\n");
	/* A status at exit without a date: the withdrawal's for P002
	 * (05-10), the project's end for P001 (05-13). */
	SET1(set, PC_EXIT_STATUS, "employment");
	assert_int_equal(enroll_update(&P, "P002", set, may(12), &e), 0);
	SET1(set, PC_EXIT_STATUS, "job-search");
	assert_int_equal(enroll_update(&P, "P001", set, may(12), &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,,4,no,,job-search,2026-05-13,"
	        "\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,,,,,,employment,"
	        "2026-05-10,\n");
	/* With its date given, and the six months' status; an empty value
	 * clears (qpv); a contract that is its own already. */
	memset(set, 0, sizeof set);
	set[PC_EXIT_STATUS] = "training";
	set[PC_EXIT_DATE] = "2026-05-11";
	set[PC_STATUS_6M] = "employment";
	set[PC_QPV] = "";
	set[PC_CONTRACT] = "CAPE-01";
	set[PC_CONTRACT_TYPE] = "CDD";
	assert_int_equal(enroll_update(&P, "P001", set, may(12), &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,CDD,4,,,training,2026-05-11,"
	        "employment\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,,,,,,employment,"
	        "2026-05-10,\n");

	/* Refusals, the file as it was: the checks of an enrolment. */
	SET1(set, PC_CONTRACT, "CAPE-02");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "contract 'CAPE-02' is already P002's");
	SET1(set, PC_EXIT_STATUS, "Employment");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "exit_status 'Employment' is not one of: employment training "
	        "job-search other");
	SET1(set, PC_DISABILITY, "maybe");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "disability 'maybe' is not one of: yes no");
	SET1(set, PC_EXIT_DATE, "2026-05-03");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "the exit date comes before enrolment");
	SET1(set, PC_EXIT_DATE, "2026-5-3");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "exit_date '2026-5-3' is not a date");
	SET1(set, PC_BIRTH_YEAR, "1850");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "birth_year '1850' is not a year");
	SET1(set, PC_NAME, "");
	REFUSED(enroll_update(&P, "P001", set, may(12), &e_), FC_DATAERR,
	        "the name is empty");
	SET1(set, PC_QPV, "yes");
	REFUSED(enroll_update(&P, "P009", set, may(12), &e_), FC_DATAERR,
	        "no participant 'P009'");

	/* An older file: the columns the values need added at its end. */
	project(PEOPLE_V1);
	SET1(set, PC_EXIT_STATUS, "other");
	assert_int_equal(enroll_update(&P, "P002", set, may(12), &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1
	        ",exit_status,exit_date\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,,\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,,other,"
	        "2026-05-10\n");

}

/* PEOPLE closed on 05-13, as flashcoop-close leaves it: closing.csv, and
 * closing.ini with its seal (the fixed digests in it) signed by main
 * (chained.h's key); fixed false: without the fixed digests, as an
 * older version sealed it. */
#define CLOSING_CSV "participant,name,contract,hours,share," \
	"employer_contributions,gross,employee_contributions,net\n" \
	"P001,Ada,CAPE-01,7.00,8.53,0.98,7.55,1.66,5.89\n" \
	"P002,Bruno,CAPE-02,0.00,0.00,0.00,0.00,0.00,0.00\n"

static void closed_project(bool fixed)
{
	struct buf b = { 0 }, ini = { 0 };
	struct sign_key k;
	struct fc_error e;

	project(PEOPLE);
	write_file(PROJECT_CLOSING_CSV, CLOSING_CSV);
	buf_puts(&b, "[closing]\nproject           = FC-1\n"
	         "date              = 2026-05-13\n");
	if (seal_section(&b, dir, CLOSING_CSV, strlen(CLOSING_CSV), &e) != 0)
		fail_msg("seal_section: %s", e.msg);
	/* An older seal: the same without its .fixed lines. */
	for (const char *l = b.p; !fixed && *l; l = strchr(l, '\n') + 1) {
		size_t n = (size_t)(strchr(l, '\n') + 1 - l);
		if (!memmem(l, n, ".fixed ", 7))
			buf_add(&ini, l, n);
	}
	if (fixed)
		buf_puts(&ini, b.p);
	test_key(&k);
	assert_int_equal(seal_sign(&ini, &k, "main"), 0);
	sign_key_wipe(&k);
	write_file(PROJECT_CLOSING_INI, ini.p);
	buf_free(&b);
	buf_free(&ini);
}

/* After the closing, --update changes the outcomes only (issue 18's
 * design: "another field after the closing exits 77"): not the name,
 * the contract or the note either, which only --anonymise changes.  A
 * defect: lib/enroll.c closed_fields() asks amend_allowed(), which says
 * yes to name, contract and note (the columns an anonymisation empties,
 * hence outside the fixed seal): enroll_update(name = "Ada L.") on a
 * closed project returns 0 and amends the name.  Skipped, saying so,
 * until fixed. */
static void test_after_closing_names(void **state)
{
	static const enum participant_col cols[] = { PC_NAME, PC_CONTRACT,
	                                             PC_NOTE };
	static const char *const values[] = { "Ada L.", "CAPE-09", "a note" };
	const char *set[PARTICIPANT_NCOLS];
	(void)state;

	for (size_t i = 0; i < 3; i++) {
		struct fc_error e = { 0, "" };
		char *before;
		int rc;
		closed_project(true);
		before = slurp(PROJECT_PARTICIPANTS);
		SET1(set, cols[i], values[i]);
		/* It did set them (closed_fields used amend_allowed). */
		rc = enroll_update(&P, "P001", set, may(20), &e);
		assert_int_equal(rc, FC_CLOSED);
		assert_non_null(strstr(e.msg, participant_col_name(cols[i])));
		file_is(PROJECT_PARTICIPANTS, before);
		free(before);
	}
}

/* After the closing: the outcomes only, recorded in closing.ini's
 * [amendments], the project still sound; anonymisation. */
static void test_after_closing(void **state)
{
	const char *set[PARTICIPANT_NCOLS];
	struct participants ps;
	struct fc_error e = { 0, "" };
	char *ini, *now;
	(void)state;

	closed_project(true);
	{
		struct participants sound;
		if (enroll_read(&P, &sound, &e) != 0)
			fail_msg("the closed project is not sound: %s", e.msg);
		participants_free(&sound);
	}
	ini = slurp(PROJECT_CLOSING_INI);
	/* A field other than the outcomes: 77, nothing written. */
	SET1(set, PC_GENDER, "f");
	REFUSED(enroll_update(&P, "P001", set, may(20), &e_), FC_CLOSED,
	        "only education, qpv, disability, exit_status, exit_date and "
	        "status_6_months change after the closing, not gender");
	SET1(set, PC_CONTRACT_TYPE, "CDD");
	REFUSED(enroll_update(&P, "P001", set, may(20), &e_), FC_CLOSED,
	        "not contract_type");
	file_is(PROJECT_CLOSING_INI, ini);

	/* An outcome: the exit date the project's end; closing.ini as it
	 * was, and its [amendments]. */
	memset(set, 0, sizeof set);
	set[PC_EXIT_STATUS] = "training";
	set[PC_QPV] = "no";
	if (enroll_update(&P, "P001", set, may(20), &e) != 0)
		fail_msg("enroll_update: %s", e.msg);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,Ada,CAPE-01,2026-05-04,,,,,,,,,no,,training,2026-05-13,\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,"
	        PARTICIPANT_V2_EMPTY "\n");
	now = slurp(PROJECT_CLOSING_INI);
	assert_int_equal(strncmp(now, ini, strlen(ini)), 0);
	assert_non_null(strstr(now + strlen(ini), "\n[amendments]\n"));
	assert_non_null(strstr(now, "\ndate              = 2026-05-20\n"));
	free(now);
	/* Still sound: check accepts the amended file. */
	if (enroll_read(&P, &ps, &e) != 0)
		fail_msg("amended, the project is not sound: %s", e.msg);
	assert_string_equal(ps.v[0].exit_status, "training");
	participants_free(&ps);
	/* A bad value is refused as before the closing. */
	SET1(set, PC_STATUS_6M, "working");
	REFUSED(enroll_update(&P, "P001", set, may(20), &e_), FC_DATAERR,
	        "status_6_months 'working' is not one of");

	/* Anonymised: name and contract become the pseudonym, the note
	 * goes, in participants.csv and closing.csv. */
	assert_int_equal(enroll_anonymise(&P, "P001", may(21), &e), 0);
	file_is(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n"
	        "P001,anonymised-P001,anonymised-P001,2026-05-04,,,,,,,,,no,,"
	        "training,2026-05-13,\n"
	        "P002,Bruno,CAPE-02,2026-05-04,2026-05-10,,,,,"
	        PARTICIPANT_V2_EMPTY "\n");
	now = slurp(PROJECT_CLOSING_CSV);
	assert_non_null(strstr(now, "\nP001,anonymised-P001,anonymised-P001,"
	                       "7.00,8.53,0.98,7.55,1.66,5.89\n"));
	assert_null(strstr(now, "Ada"));
	free(now);
	now = slurp(PROJECT_CLOSING_INI);
	assert_non_null(strstr(now, "\nanonymised        = P001\n"));
	free(now);
	if (enroll_read(&P, &ps, &e) != 0)
		fail_msg("anonymised, the project is not sound: %s", e.msg);
	participants_free(&ps);
	/* Not twice; not someone unknown. */
	REFUSED(enroll_anonymise(&P, "P001", may(21), &e_), FC_DATAERR,
	        "P001 is already anonymised");
	REFUSED(enroll_anonymise(&P, "P009", may(21), &e_), FC_DATAERR,
	        "no participant 'P009'");
	/* Not while the period's archive is in the folder (it holds the
	 * names): 65, naming it. */
	write_file("FC-1-2026-05-13.tar", "an archive");
	REFUSED(enroll_anonymise(&P, "P002", may(21), &e_), FC_DATAERR,
	        "FC-1-2026-05-13.tar holds the names");
	assert_int_equal(unlink(path_of("FC-1-2026-05-13.tar")), 0);
	assert_int_equal(enroll_anonymise(&P, "P002", may(21), &e), 0);
	now = slurp(PROJECT_CLOSING_INI);
	assert_non_null(strstr(now, "\nanonymised        = P001 P002\n"));
	free(now);
	free(ini);

	/* Closed by an older version (no fixed digests): nothing amended,
	 * 65. */
	closed_project(false);
	SET1(set, PC_EXIT_STATUS, "employment");
	REFUSED(enroll_update(&P, "P001", set, may(20), &e_), FC_DATAERR,
	        "closed by an older version");
	REFUSED(enroll_anonymise(&P, "P001", may(20), &e_), FC_DATAERR,
	        "closed by an older version");

	/* Open: no anonymisation. */
	project(PEOPLE);
	REFUSED(enroll_anonymise(&P, "P001", may(20), &e_), FC_DATAERR,
	        "not closed yet");
}

/* ---- the list ---- */

static void test_read(void **state)
{
	struct participants ps;
	struct fc_error e = { 0, "" };
	(void)state;

	project(PEOPLE);
	assert_int_equal(enroll_read(&P, &ps, &e), 0);
	assert_int_equal(ps.n, 2);
	assert_string_equal(ps.v[0].id, "P001");
	assert_int_equal(ps.v[1].withdrawn, may(10));
	participants_free(&ps);
	/* A project with a fault is not: 65, naming it, nothing given. */
	write_file(PROJECT_HOURS, HOURS_HEADER "\n"
	           "H00001,2026-05-06,hours,P003,7.00,,,\n");
	assert_int_equal(enroll_read(&P, &ps, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "hours.csv:2:"));
	assert_non_null(strstr(e.msg, "P003"));
	assert_int_equal(ps.n, 0);
	assert_null(ps.v);
}

/* A defect this test found, fixed since: enroll_withdraw writes the
 * reason into the participant's note without text_problem, unlike
 * enroll_add, which checks every field (participant_check).  A reason
 * with a line break (flashcoop-enroll checks its --reason; a caller of
 * the library need not) lands in participants.csv, and the next read
 * refuses the file: "participants.csv:2: note '...' holds a control
 * character".  It failed before the fix. */
static void test_withdraw_reason_checked(void **state)
{
	struct participants ps;
	struct fc_error e = { 0, "" };
	int rc;
	(void)state;

	project(PEOPLE);
	rc = enroll_withdraw(&P, "P001", may(10), "two\nlines", &e);
	if (rc != 0) {
		/* Refused: the file as it was. */
		assert_int_equal(rc, FC_DATAERR);
		file_is(PROJECT_PARTICIPANTS, PEOPLE);
		return;
	}
	/* Taken: the project must still be sound. */
	if (enroll_read(&P, &ps, &e) != 0)
		fail_msg("the withdrawal left a project that cannot be read: %s",
		         e.msg);
	participants_free(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_add, project_gone),
		cmocka_unit_test_teardown(test_add_older_file, project_gone),
		cmocka_unit_test_teardown(test_add_first_and_order, project_gone),
		cmocka_unit_test_teardown(test_add_refusals, project_gone),
		cmocka_unit_test_teardown(test_withdraw, project_gone),
		cmocka_unit_test_teardown(test_update, project_gone),
		cmocka_unit_test_teardown(test_after_closing, project_gone),
		cmocka_unit_test_teardown(test_after_closing_names,
		                          project_gone),
		cmocka_unit_test_teardown(test_read, project_gone),
		cmocka_unit_test_teardown(test_withdraw_reason_checked,
		                          project_gone),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);
	teardown(NULL);
	return rc;
}
