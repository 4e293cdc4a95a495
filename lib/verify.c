#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/array.h"
#include "flashcoop/cli.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/note.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/rules.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/verify.h"

/* What is remembered of a row, for the voids that name it: 32 bits, so
 * that a million rows take 4 MB. */
#define MARK_VOIDED  0x80000000u  /* a void named it */
#define MARK_PRESENT 0x40000000u  /* a row has this id */
#define MARK_UNREAD  0x20000000u  /* it did not parse: nothing to compare */
#define MARK_PRINT   0x1fffffffu  /* a digest of what a void repeats */

/* A gap in the ids wider than this is not filled: the kind's voids are no
 * longer compared (the gap is a problem already). */
#define GAP_FILL 1024

/* One kind's rows, by id number: v[n - 1] is the mark of id n. */
struct seq {
	uint32_t *v;
	size_t n, cap;
	unsigned long long last;   /* highest number seen */
	bool lost;                 /* a gap too wide to follow */
};

/* A void id seen, for the one sequence of V ids over both files. */
struct vid {
	unsigned long long n;
	long line;
	bool in_hours;
	unsigned long long after;  /* not 0: it came after this V in its file */
};

struct verifier {
	const char *dir;
	char ledger[PATH_MAX + 32], hours_file[PATH_MAX + 32];
	verify_fn fn;
	void *ctx;
	row_fn row;
	void *row_ctx;
	struct verify_stats *st;
	struct project p;
	struct participants ps;
	bool have_p, have_ps;
	struct seq s, c, k, h;      /* per kind */
	struct vid *vids;           /* V ids over both files */
	size_t nvids, capvids;
	unsigned long long vlast;   /* last V number in the file being read */
	struct row_cols cols;
	enum source src;
	const char *file;
	bool header_failed;
	struct fc_error fatal;      /* out of memory, or a file unreadable */
	struct day_hours hours;
	int64_t *cash;              /* [day - start]: cash sales, net */
	bool *counted;              /* [day - start] */
	size_t ndays;
};

/* A message: a path, and a few quoted values (TEXT_QUOTE_SIZE each). */
#define SAY_SIZE (PATH_MAX + 2048)

/* A problem, or a warning, to the caller's function, counted. */
static void say(struct verifier *v, bool is_warning, const char *fmt,
                va_list ap)
{
	char msg[SAY_SIZE];

	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	v->fn(v->ctx, msg, is_warning);
	if (is_warning)
		v->st->warnings++;
	else
		v->st->problems++;
}

static void problem(struct verifier *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct verifier *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(v, false, fmt, ap);
	va_end(ap);
}

static void warning(struct verifier *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warning(struct verifier *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(v, true, fmt, ap);
	va_end(ap);
}

static void out_of_memory(struct verifier *v)
{
	if (!v->fatal.code)
		fc_fail(&v->fatal, FC_IOERR, "out of memory");
}

/* ---- ids ---- */

static struct seq *seq_of(struct verifier *v, char letter)
{
	switch (letter) {
	case 'S': return &v->s;
	case 'C': return &v->c;
	case 'K': return &v->k;
	case 'H': return &v->h;
	}
	return NULL;
}

static int seq_push(struct seq *q, uint32_t mark)
{
	if (array_reserve(&q->v, &q->cap, q->n + 1, sizeof *q->v) < 0)
		return -1;
	q->v[q->n++] = mark;
	return 0;
}

/* The mark of id number n, or NULL when no row has it (or the kind's
 * gaps were too wide to follow). */
static uint32_t *seq_at(struct seq *q, unsigned long long n)
{
	if (q->lost || n == 0 || n > q->n || !(q->v[n - 1] & MARK_PRESENT))
		return NULL;
	return &q->v[n - 1];
}

/* A row of kind letter with id number n: it must be the next one.  Its
 * mark is kept when it is in order. */
/* The number of an id ("S00042" -> 42): its digits, checked by the
 * parser already. */
static unsigned long long id_number(const char *id)
{
	unsigned long long n = 0;
	for (const char *s = id + 1; *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (unsigned long long)(*s - '0');
	return n;
}

static void seq_take(struct verifier *v, const char *id, long line,
                     uint32_t mark)
{
	unsigned long long n = id_number(id);
	char letter = id[0];
	struct seq *q = seq_of(v, letter);

	if (n <= q->last) {
		problem(v, "%s:%ld: id %s comes after %c%05llu: repeated or out "
		        "of order", v->file, line, id, letter, q->last);
		return;
	}
	if (n != q->last + 1)
		problem(v, "%s:%ld: id %s follows %c%05llu: %c%05llu is missing",
		        v->file, line, id, letter, q->last, letter, q->last + 1);
	/* Fill a small gap so that numbers stay indexes; past that, stop
	 * following the kind rather than let a number size the memory. */
	if (n - q->last - 1 > GAP_FILL)
		q->lost = true;
	for (unsigned long long i = q->last + 1; !q->lost && i < n; i++)
		if (seq_push(q, 0) < 0)
			out_of_memory(v);
	if (!q->lost && seq_push(q, mark) < 0)
		out_of_memory(v);
	q->last = n;
}

/* A void id: in order within its file; over both files, the set is
 * checked at the end. */
static void vid_take(struct verifier *v, const char *id, long line)
{
	unsigned long long n = id_number(id), after = 0;

	/* Named at the end, unless it is a repeat, named as such. */
	if (n <= v->vlast)
		after = v->vlast;
	else
		v->vlast = n;
	if (array_reserve(&v->vids, &v->capvids, v->nvids + 1,
	                  sizeof *v->vids) < 0) {
		out_of_memory(v);
		return;
	}
	v->vids[v->nvids++] = (struct vid){ n, line, v->src == FROM_HOURS,
	                                    after };
}

static int by_number(const void *a, const void *b)
{
	const struct vid *x = a, *y = b;
	if (x->n != y->n)
		return (x->n > y->n) - (x->n < y->n);
	return (x->line > y->line) - (x->line < y->line);
}

/* The V ids of both files together: each once, from V00001 with no gap. */
static void vids_check(struct verifier *v)
{
	bool gap = false;

	if (v->nvids > 1)
		qsort(v->vids, v->nvids, sizeof *v->vids, by_number);
	for (size_t i = 0; i < v->nvids; i++) {
		const struct vid *x = &v->vids[i];
		unsigned long long want = i ? v->vids[i - 1].n + 1 : 1;
		bool twice = (i && x->n == v->vids[i - 1].n) ||
		             (i + 1 < v->nvids && x->n == v->vids[i + 1].n);
		if (i && x->n == v->vids[i - 1].n)
			problem(v, "%s:%ld: id V%05llu appears twice",
			        x->in_hours ? v->hours_file : v->ledger, x->line,
			        x->n);
		else if (x->after && !twice)
			problem(v, "%s:%ld: id V%05llu comes after V%05llu: out of "
			        "order", x->in_hours ? v->hours_file : v->ledger,
			        x->line, x->n, x->after);
		if (!gap && x->n != want && !(i && x->n == v->vids[i - 1].n)) {
			problem(v, "%s: void id V%05llu is missing (ids run to "
			        "V%05llu)", v->ledger, want,
			        v->vids[v->nvids - 1].n);
			gap = true;
		}
	}
}

/* The id of a row that does not parse, if it looks like one, still holds
 * its place in its sequence, so that the next row gets no false gap. */
static void keep_id(struct verifier *v, const struct table_row *r)
{
	const char *id = table_get(r, v->cols.at[COL_ID]);
	size_t digits = strspn(id + (*id ? 1 : 0), "0123456789");

	if (!*id || !strchr("SCKVH", id[0]) || digits == 0 ||
	    id[1 + digits] != '\0' || strlen(id) >= ID_SIZE)
		return;
	if (id[0] == 'V')
		vid_take(v, id, r->line);
	else
		seq_take(v, id, r->line, MARK_PRESENT | MARK_UNREAD);
}

/* ---- voids ---- */

/* What a void must repeat of the row it names, in 29 bits: a mix of the
 * values (a row is checked once, so this is on every row's path). */
static uint32_t print_of(const struct row *en)
{
	uint64_t h = (uint64_t)en->amount * 0x9e3779b97f4a7c15ULL;

	h = (h ^ (uint64_t)en->hours) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ ((uint64_t)(uint32_t)en->date << 32 | (uint32_t)en->vat)) *
	    0x94d049bb133111ebULL;
	for (const char *s = en->participant; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (uint32_t)(h ^ (h >> 29)) & MARK_PRINT;
}

static void check_void(struct verifier *v, const struct row *en)
{
	char letter = en->ref[0];
	struct seq *q = rules_voidable(letter) ? seq_of(v, letter) : NULL;
	bool here = (letter == 'H') == en->in_hours;
	uint32_t *t = NULL;

	if (q && here && q->lost)
		return; /* a gap too wide was named: nothing to compare with */
	if (q && here)
		t = seq_at(q, id_number(en->ref));
	if (!t) {
		problem(v, "%s:%ld: void %s names '%s', which is not a sale, "
		        "charge or hours row above it", v->file, en->line, en->id,
		        en->ref);
		return;
	}
	if (*t & MARK_VOIDED)
		problem(v, "%s:%ld: %s is voided twice (again by %s)", v->file,
		        en->line, en->ref, en->id);
	*t |= MARK_VOIDED;
	if (!(*t & MARK_UNREAD) && (*t & MARK_PRINT) != print_of(en))
		problem(v, "%s:%ld: void %s does not repeat the date, amount, "
		        "VAT rate, hours or participant of %s", v->file,
		        en->line, en->id, en->ref);
}

/* ---- rows ---- */

/* The day's cash sales and counts, for the uncounted days. */
static void cash_day(struct verifier *v, const struct row *en)
{
	size_t d;
	char what = en->kind == KIND_VOID ? en->ref[0] : en->id[0];

	if (en->in_hours || !v->cash || en->date < v->p.start ||
	    en->date > v->p.end)
		return;
	d = (size_t)(en->date - v->p.start);
	if (what == 'K')
		v->counted[d] = true;
	else if (what == 'S' && en->payment == PAY_CASH)
		/* (a sum too large is named by the totals, not here) */
		(void)money_accumulate(&v->cash[d], en->kind == KIND_VOID ? -1 : 1,
		                       en->amount);
}

/* The checks of one parsed row. */
static void check_parsed(struct verifier *v, const struct row *en)
{
	struct fc_error fe;

	if (en->kind == KIND_VOID) {
		vid_take(v, en->id, en->line);
		check_void(v, en);
	} else {
		struct row copy = *en;
		seq_take(v, en->id, en->line, MARK_PRESENT | print_of(en));
		if (!en->has_vat && !en->in_hours && en->kind != KIND_COUNT)
			problem(v, "%s:%ld: column 'vat_rate': the VAT rate is "
			        "missing", v->file, en->line);
		if (!en->payment && !en->in_hours)
			problem(v, "%s:%ld: column 'payment': the payment method "
			        "is missing", v->file, en->line);
		if (v->have_ps && row_check(&v->p, &v->ps, &copy, &fe) != 0)
			problem(v, "%s", fe.msg);
	}
	if (en->in_hours && v->hours.cell &&
	    day_hours_add(&v->hours, en, &fe) != 0)
		problem(v, "%s", fe.msg);
	cash_day(v, en);
}

static int check_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct verifier *v = ctx;
	struct row en;
	struct fc_error fe;
	size_t before = v->st->problems;

	if (r->header) {
		if (row_cols(r, v->src, &v->cols, &fe) != 0) {
			problem(v, "%s", fe.msg);
			v->header_failed = true;
			return FC_DATAERR; /* without columns, no rows */
		}
		return 0;
	}
	if (v->src == FROM_LEDGER)
		v->st->ledger_rows++;
	else
		v->st->hours_rows++;
	if (r->n != r->ncols) {
		problem(v, "%s:%ld: %zu fields where the header has %zu",
		        r->name, r->line, r->n, r->ncols);
		keep_id(v, r);
		return 0;
	}
	if (row_parse(r, &v->cols, v->src, &en, &fe) != 0) {
		problem(v, "%s", fe.msg);
		keep_id(v, r);
		return 0;
	}
	check_parsed(v, &en);
	if (v->fatal.code)
		return v->fatal.code;
	/* A reader sees the rows that passed; its figures are kept only
	 * when no row failed. */
	if (v->row && v->st->problems == before)
		return v->row(v->row_ctx, &en, e);
	return 0;
}

static void check_file(struct verifier *v, const char *file,
                       const char *shown, enum source src)
{
	char path[PATH_MAX];
	struct fc_error fe;
	int rc;

	v->file = shown;
	v->src = src;
	v->header_failed = false;
	v->vlast = 0;
	if (project_path(v->dir, file, path, sizeof path) < 0)
		return;
	/* A structural fault (malformed CSV, a torn last line, a CR, a
	 * conflict marker) stops the file; a bad header was named already.
	 * A file that cannot be read is no problem of the data: the check
	 * fails. */
	rc = store_table(path, shown, TABLE_FINAL_NEWLINE | TABLE_RAGGED |
	                 TABLE_PROJECT, check_row, v, &fe);
	if (rc == FC_IOERR && !v->fatal.code)
		v->fatal = fe;
	else if (rc && !v->header_failed && !v->fatal.code)
		problem(v, "%s", fe.msg);
}

/* ---- the folder ---- */

/* Each of the project's files: a regular file, never a link; names only
 * where others cannot read them. */
static void check_files(struct verifier *v)
{
	for (size_t i = 0; i < layout_nfiles; i++) {
		const struct layout_file *f = &layout_files[i];
		char path[PATH_MAX], shown[PATH_MAX + 32];
		struct fc_error fe;
		struct stat st;
		int fd;

		if (project_path(v->dir, f->name, path, sizeof path) < 0 ||
		    lstat(path, &st) < 0)
			continue; /* a missing file is named by its reader */
		project_shown(v->dir, f->name, shown, sizeof shown);
		if (store_open(path, O_RDONLY, &fd, &fe) != 0) {
			if (fe.code == FC_DATAERR)
				problem(v, "%s", fe.msg);
			continue;
		}
		close(fd);
		if (f->personal && (st.st_mode & 077))
			warning(v, "%s: warning: it holds names and others may "
			        "read it (mode %03o): chmod 600 %s", shown,
			        (unsigned)(st.st_mode & 0777), shown);
	}
}

static void uncounted_days(struct verifier *v)
{
	char d[DATE_BUFSZ];
	for (size_t i = 0; v->cash && i < v->ndays; i++)
		if (v->cash[i] != 0 && !v->counted[i])
			warning(v, "%s: warning: %s has cash sales but no count of "
			        "the drawer", v->ledger,
			        date_format(v->p.start + (int32_t)i, d));
}

static void seal_problem(void *ctx, const char *file, const char *what)
{
	struct verifier *v = ctx;
	char shown[PATH_MAX + 32];
	problem(v, "%s: %s", project_shown(v->dir, file, shown, sizeof shown),
	        what);
	v->st->sealed++;
}

/* The project's ini, a problem when it is bad (read before the lock: no
 * command writes it). */
static int load_ini(struct verifier *v, struct fc_error *e)
{
	struct fc_error fe;
	int rc;

	if ((rc = project_load(v->dir, &v->p, &fe))) {
		if (rc == FC_NOINPUT || rc == FC_IOERR)
			return fc_fail(e, rc, "%s", fe.msg);
		problem(v, "%s", fe.msg);
		return FC_DATAERR;
	}
	for (size_t i = 0; i < v->p.nwarnings; i++)
		warning(v, "%s", v->p.warnings[i]);
	v->have_p = true;
	v->ndays = (size_t)(v->p.end - v->p.start + 1);
	v->cash = calloc(v->ndays, sizeof *v->cash);
	v->counted = calloc(v->ndays, sizeof *v->counted);
	if (!v->cash || !v->counted)
		out_of_memory(v);
	return 0;
}

/* The participants, under the lock (enroll writes them): a problem when
 * they are bad, the rows then checked each on its own. */
static void load_participants(struct verifier *v)
{
	struct fc_error fe;
	int rc;

	if (v->fatal.code)
		return;
	if ((rc = participants_load(v->dir, &v->ps, &fe)) == FC_IOERR) {
		v->fatal = fe;
		return;
	}
	if (rc) {
		problem(v, "%s", fe.msg);
		return;
	}
	v->have_ps = true;
	v->st->participants = v->ps.n;
	if (day_hours_init(&v->hours, &v->p, &v->ps) < 0)
		out_of_memory(v);
}

static void verifier_free(struct verifier *v)
{
	free(v->s.v);
	free(v->c.v);
	free(v->k.v);
	free(v->h.v);
	free(v->vids);
	day_hours_free(&v->hours);
	free(v->cash);
	free(v->counted);
	if (v->have_ps)
		participants_free(&v->ps);
	if (v->have_p)
		project_free(&v->p);
}

/* Everything, under the lock. */
static void run(struct verifier *v)
{
	struct fc_error fe;

	check_files(v);
	check_file(v, PROJECT_LEDGER, v->ledger, FROM_LEDGER);
	if (!v->fatal.code)
		check_file(v, PROJECT_HOURS, v->hours_file, FROM_HOURS);
	if (v->fatal.code)
		return;
	vids_check(v);
	uncounted_days(v);
	if (project_closed(v->dir) && seal_verify(v->dir, seal_problem, v,
	                                          &fe) < 0)
		problem(v, "%s", fe.msg);
}


int verify_project(const char *dir, struct store_lock *l, verify_fn fn,
                   void *ctx, row_fn row, void *row_ctx,
                   struct verify_stats *st, struct fc_error *e)
{
	struct verifier v = { 0 };
	struct store_lock own = { -1 }, *held = l ? l : &own;
	struct fc_error fe;
	char before[NOTE_SIZE] = "";
	int rc;

	memset(st, 0, sizeof *st);
	v.dir = dir;
	v.fn = fn;
	v.ctx = ctx;
	v.row = row;
	v.row_ctx = row_ctx;
	v.st = st;
	project_shown(dir, PROJECT_LEDGER, v.ledger, sizeof v.ledger);
	project_shown(dir, PROJECT_HOURS, v.hours_file, sizeof v.hours_file);
	/* Writers wait while the files are read: no half-written state.  A
	 * lock refused for what is in the folder (a commit file not ours, a
	 * link) is a problem of the folder: the rest is checked all the
	 * same, since no writer gets past it either. */
	/* The files as they are before anything is read: noted at the end
	 * only if they are still so. */
	note_take(dir, before, sizeof before);
	if ((rc = load_ini(&v, e))) {
		verifier_free(&v);
		return rc;
	}
	if (!l && (rc = store_lock(dir, false, &own, &fe))) {
		if (rc != FC_DATAERR) {
			verifier_free(&v);
			return fc_fail(e, rc, "%s", fe.msg);
		}
		problem(&v, "%s", fe.msg);
	}
	load_participants(&v);
	if (!v.fatal.code)
		run(&v);
	if (held->fd >= 0 && !v.fatal.code && !st->problems)
		note_keep(dir, held, before);
	store_unlock(&own);
	verifier_free(&v);
	if (v.fatal.code)
		return fc_fail(e, v.fatal.code, "%s", v.fatal.msg);
	return st->problems ? FC_DATAERR : FC_OK;
}

/* ---- problems gathered for a command that is not flashcoop-check ---- */

/* The first problems, one a line, then how many more. */
#define GATHER_MAX 8

struct gather {
	char text[sizeof ((struct fc_error *)0)->msg];
	size_t n;
};

static void gather(void *ctx, const char *problem_text, bool is_warning)
{
	struct gather *g = ctx;
	size_t len = strlen(g->text);

	if (is_warning)
		return;
	if (g->n++ < GATHER_MAX)
		snprintf(g->text + len, sizeof g->text - len, "%s%s",
		         len ? "\n" : "", problem_text);
}

int verify_read(const char *dir, struct store_lock *l, row_fn row,
                void *row_ctx, struct fc_error *e)
{
	struct gather g = { "", 0 };
	struct verify_stats st;
	int rc = verify_project(dir, l, gather, &g, row, row_ctx, &st, e);

	if (rc != FC_DATAERR || !g.n)
		return rc;
	if (g.n > GATHER_MAX) {
		size_t len = strlen(g.text);
		snprintf(g.text + len, sizeof g.text - len, "\n");
		len = strlen(g.text);
		snprintf(g.text + len, sizeof g.text - len,
		         ngettext("(and %zu more problem: flashcoop-check lists "
		                  "them all)", "(and %zu more problems: "
		                  "flashcoop-check lists them all)",
		                  g.n - GATHER_MAX), g.n - GATHER_MAX);
	}
	return fc_fail(e, FC_DATAERR, "%s", g.text);
}

/* A sound project's files, noted in the lock after a write that kept
 * them so. */
static void noted(const char *dir, struct store_lock *l)
{
	char now[NOTE_SIZE];

	if (note_take(dir, now, sizeof now) == 0)
		store_note_set(l, now);
}

int verify_write(const struct project *p, verify_write_fn fn, void *arg,
                 struct fc_error *e)
{
	struct store_lock lock;
	struct participants ps;
	int rc;

	if ((rc = store_lock(p->dir, true, &lock, e)))
		return rc;
	/* Only into a project that flashcoop-check finds sound: a row added
	 * to files that travelled (a merge, an edit) could repeat an id or
	 * lean on a row that is wrong.  Unchanged since it was found so, it
	 * is not read again. */
	if (!(rc = project_check_open(p->dir, e)) &&
	    !(rc = note_holds(p->dir, &lock) ? 0 :
	           verify_read(p->dir, &lock, NULL, NULL, e)) &&
	    !(rc = participants_load(p->dir, &ps, e))) {
		rc = fn(p, &ps, arg, e);
		participants_free(&ps);
		if (!rc)
			noted(p->dir, &lock);
	}
	store_unlock(&lock);
	return rc;
}
