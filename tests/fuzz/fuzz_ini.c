/*
 * libFuzzer target: the flashcoop.ini loader (lib/project.c over
 * iniparser).
 *
 * Each input is written as flashcoop.ini in a temp folder made once
 * (under $TMPDIR or /tmp, removed at exit) and loaded with project_load():
 * no crash, no leak (libFuzzer's leak check), and what project.h promises.
 * A failed load returns FC_DATAERR with a message naming flashcoop.ini
 * (and, when it gives a line number, a line that the file has) and leaves
 * the struct empty.  A project that loads has its required values checked
 * (an id that is a token, start <= end, rates in [0, 100] percent,
 * products named once); its identity, written again by project_ini_text()
 * (what flashcoop-init writes), loads back to the same values.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "flashcoop/error.h"
#include "flashcoop/ini.h"
#include "flashcoop/project.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "../unit/rmtree.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_ini: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

static char dir[PATH_MAX], ini[PATH_MAX];

static void cleanup(void)
{
	if (dir[0])
		test_rm_tree(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "%s/fuzz-ini.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		exit(1);
	}
	snprintf(ini, sizeof ini, "%s/%s", dir, PROJECT_INI);
	atexit(cleanup);
	return 0;
}

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

static void check_loaded(const struct project *p)
{
	if (!p->dir || strcmp(p->dir, dir) != 0)
		FAIL("p->dir is not the folder");
	if (!p->id || !text_is_token(p->id))
		FAIL("id '%s' is not a token", p->id ? p->id : "(null)");
	if (!p->name || !*p->name || !p->activity || !p->host || !p->event ||
	    !p->currency)
		FAIL("a text value is missing");
	if (text_problem(p->name) || text_problem(p->activity) ||
	    text_problem(p->host) || text_problem(p->event) ||
	    text_problem(p->currency))
		FAIL("a text value is not clean text");
	if (p->end < p->start)
		FAIL("end %d before start %d", p->end, p->start);
	if (p->cae_rate < 0 || p->cae_rate > 10000 || p->employer_rate < 0 ||
	    p->employer_rate > 10000 || p->employee_rate < 0 ||
	    p->employee_rate > 10000)
		FAIL("a rate outside [0, 100] percent");
	if (p->cash_float < 0)
		FAIL("cash_float < 0");
	for (size_t i = 0; i < p->nproducts; i++) {
		const struct product *pr = &p->products[i];
		if (!pr->name || pr->price < 0 || pr->vat < 0 || pr->vat > 10000)
			FAIL("product %zu is not sound", i);
		if (project_product(p, pr->name) != pr)
			FAIL("product '%s' is found at another place", pr->name);
	}
	for (size_t i = 0; i < p->naccounts; i++) {
		const struct account *a = &p->accounts[i];
		if (!a->key || !a->number || !*a->number || !a->label)
			FAIL("account %zu is not sound", i);
	}
}

static void same_text(const char *what, const char *a, const char *b)
{
	if (strcmp(a, b) != 0)
		FAIL("%s '%s' is written by project_ini_text and read back as "
		     "'%s'", what, a, b);
}

/* What flashcoop-init would write of this project loads to the same
 * identity (the rest is defaults). */
static void check_rewrite(const struct project *p)
{
	struct buf b = { 0 };
	struct fc_error e = { 0, "" };
	struct project q;
	int rc = project_ini_text(&b, p, &e);

	if (rc == FC_DATAERR) {
		/* A value the writer refuses (both kinds of quotes, too long):
		 * it says so. */
		if (!e.msg[0])
			FAIL("project_ini_text refused without a message");
		buf_free(&b);
		return;
	}
	if (rc != 0)
		FAIL("project_ini_text returned %d: %s", rc, e.msg);
	write_file(ini, b.p, b.len);
	rc = project_load(dir, &q, &e);
	if (rc != 0)
		FAIL("the text of project_ini_text does not load: %s\n%s",
		     e.msg, b.p);
	same_text("id", p->id, q.id);
	same_text("name", p->name, q.name);
	same_text("activity", p->activity, q.activity);
	same_text("host", p->host, q.host);
	same_text("event", p->event, q.event);
	if (q.start != p->start || q.end != p->end)
		FAIL("the dates are not read back");
	project_free(&q);
	buf_free(&b);
}

/* A message "flashcoop.ini:N: ..." names a line of the file. */
static void check_line(const struct fc_error *e, const uint8_t *data,
                       size_t size)
{
	const char *at = strstr(e->msg, PROJECT_INI ":");
	size_t lines = 0;
	long n;

	if (!at || sscanf(at + sizeof PROJECT_INI, "%ld:", &n) != 1)
		return;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (size && data[size - 1] != '\n')
		lines++;
	if (n < 1 || (size_t)n > lines)
		FAIL("message '%s' names line %ld of a file of %zu lines",
		     e->msg, n, lines);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct project p;
	struct fc_error e = { 0, "" };
	int rc;

	write_file(ini, data, size);
	rc = project_load(dir, &p, &e);
	/* The line finder is used for messages; it reads any text. */
	(void)ini_line_of(ini, "flashcoop", "name");
	(void)ini_line_of(ini, "products", NULL);
	if (rc != 0) {
		if (rc != FC_DATAERR)
			FAIL("project_load returned %d: %s", rc, e.msg);
		if (e.code != rc || !strstr(e.msg, PROJECT_INI))
			FAIL("message '%s' does not name %s", e.msg,
			     PROJECT_INI);
		check_line(&e, data, size);
		if (p.dir || p.id || p.name || p.products || p.accounts ||
		    p.nproducts || p.naccounts)
			FAIL("a failed load left values in the struct");
		return 0;
	}
	check_loaded(&p);
	check_rewrite(&p);
	project_free(&p);
	if (p.dir || p.products)
		FAIL("project_free left values");
	return 0;
}
