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
#include "flashcoop/days.h"
#include "flashcoop/row.h"
#include "flashcoop/history.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/note.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/rules.h"
#include "flashcoop/seal.h"
#include "flashcoop/stock.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/verify.h"

struct verifier {
	const char *dir;
	char ledger[PATH_MAX + 32], hours_file[PATH_MAX + 32],
	     production[PATH_MAX + 32];
	verify_fn fn;
	void *ctx;
	row_fn row;
	void *row_ctx;
	bool made;                  /* row gets production.csv's rows too */
	struct made_refs refs;      /* what the production's rows name */
	struct stock *stock;        /* when production.csv is there: what
	                               is left of each product */
	struct verify_stats *st;
	struct project p;
	struct participants ps;
	bool have_p, have_ps;
	struct terminals terms;     /* terminals.csv */
	struct history *hist;       /* ids, voids and chains per terminal */
	struct days_check *days;    /* the daily closings against the rows */
	bool trust_chains;          /* the files as noted sound: no hashing */
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

/* ---- ids, voids, chains ---- */

static void hist_fn(void *ctx, const char *msg, bool is_warning)
{
	struct verifier *v = ctx;

	if (is_warning)
		warning(v, "%s", msg);
	else
		problem(v, "%s", msg);
}

/* The id of a row that does not parse, if it looks like one, still holds
 * its place in its sequence, so that the next row gets no false gap. */
static void keep_id(struct verifier *v, const struct table_row *r)
{
	/* A row of another width: its chain's columns are its last. */
	bool ragged = r->n != r->ncols && v->cols.at[COL_CHAIN] >= 0;
	const char *term = ragged ? (r->n >= 3 ? r->field[r->n - 3] : "") :
	                   table_get(r, v->cols.at[COL_TERMINAL]);
	const char *chain = ragged ? r->field[r->n - 1] :
	                    table_get(r, v->cols.at[COL_CHAIN]);

	if (v->hist)
		history_unread(v->hist, table_get(r, v->cols.at[COL_ID]), term,
		               chain, r);
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

/* The checks of one parsed row that history_row found new. */
static void check_parsed(struct verifier *v, const struct row *en)
{
	struct fc_error fe;
	int rc;

	bool money = !en->in_hours && !en->in_production;

	if (en->kind != KIND_VOID) {
		struct row copy = *en;
		if (!en->has_vat && money && en->kind != KIND_COUNT &&
		    en->kind != KIND_DEPOSIT)
			problem(v, "%s:%ld: column 'vat_rate': the VAT rate is "
			        "missing", v->file, en->line);
		if (!en->payment && money)
			problem(v, "%s:%ld: column 'payment': the payment method "
			        "is missing", v->file, en->line);
		if (v->have_ps && row_check(&v->p, &v->ps, &copy, &fe) != 0)
			problem(v, "%s", fe.msg);
	}
	if (en->in_hours && v->hours.cell &&
	    day_hours_add(&v->hours, en, &fe) != 0)
		problem(v, "%s", fe.msg);
	if ((rc = made_refs_row(&v->refs, en, &fe)) == FC_IOERR)
		out_of_memory(v);
	else if (rc)
		problem(v, "%s", fe.msg);
	if (v->stock && stock_row(v->stock, en, &fe) == FC_IOERR)
		out_of_memory(v);
	cash_day(v, en);
}

/* A file's header: our columns there; the chain's columns where
 * terminals.csv is, and only there. */
static int check_header(struct verifier *v, const struct table_row *r)
{
	struct fc_error fe;
	bool chained;

	if (row_cols(r, v->src, &v->cols, &fe) != 0) {
		problem(v, "%s", fe.msg);
		v->header_failed = true;
		return FC_DATAERR; /* without columns, no rows */
	}
	chained = v->cols.at[COL_CHAIN] >= 0;
	if (chained && !v->terms.present)
		problem(v, "%s:1: the chain's columns, but no terminals.csv "
		        "(a file of its own that the project needs)", v->file);
	else if (!chained && v->terms.present)
		problem(v, "%s:1: no chain's columns (terminal, recorded_at, "
		        "chain), although terminals.csv lists terminals",
		        v->file);
	if (v->hist)
		history_file(v->hist, v->file, v->src == FROM_HOURS ?
		             ROW_FILE_HOURS : v->src == FROM_PRODUCTION ?
		             ROW_FILE_PRODUCTION : ROW_FILE_LEDGER, chained);
	return 0;
}

static int check_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct verifier *v = ctx;
	struct row en;
	struct fc_error fe;
	size_t before = v->st->problems;
	enum history_seen seen;
	bool visible;

	if (r->header)
		return check_header(v, r);
	if (v->src == FROM_LEDGER)
		v->st->ledger_rows++;
	else if (v->src == FROM_HOURS)
		v->st->hours_rows++;
	else
		v->st->production_rows++;
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
	seen = v->hist ? history_row(v->hist, &en, r) : HISTORY_NEW;
	if (seen == HISTORY_COPY)
		return 0;
	/* A closing's figures are what its terminal recorded: a void made
	 * on two terminals too. */
	if (v->days && !en.in_production)
		days_row(v->days, &en);
	visible = seen == HISTORY_NEW;
	if (visible)
		check_parsed(v, &en);
	if (v->hist && history_failed(v->hist))
		out_of_memory(v);
	if (v->fatal.code)
		return v->fatal.code;
	/* A reader sees the rows that passed; its figures are kept only
	 * when no row failed. */
	if (v->row && visible && v->st->problems == before &&
	    (v->made || !en.in_production))
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

/* More of a made product sold or lost than its lots made (the stock's
 * left below zero, as flashcoop-report stock shows it): a lot not
 * recorded yet, most likely (the stall does not stop selling for it). */
static void oversold(struct verifier *v)
{
	struct fc_error fe;
	int rc;

	if (!v->stock)
		return;
	if ((rc = stock_end(v->stock, &fe)) == FC_IOERR)
		out_of_memory(v);
	for (size_t i = 0; !rc && i < stock_nproducts(v->stock); i++) {
		const struct stock_product *pr = stock_product(v->stock, i);
		if (pr->made > 0 && pr->left < 0)
			warning(v, "%s: warning: %lld of %s sold or lost, %lld "
			        "made: a lot is not recorded (flashcoop-record "
			        "lot)", v->production,
			        (long long)(pr->made - pr->left), pr->name,
			        (long long)pr->made);
	}
}

/* What is wrong with a lot that sales of the ledger name. */
static void lot_problem(void *ctx, const char *msg, bool is_warning)
{
	if (is_warning)
		warning(ctx, "%s", msg);
	else
		problem(ctx, "%s", msg);
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
	history_free(v->hist);
	made_refs_free(&v->refs);
	stock_free(v->stock);
	days_check_free(v->days);
	terminals_free(&v->terms);
	day_hours_free(&v->hours);
	free(v->cash);
	free(v->counted);
	if (v->have_ps)
		participants_free(&v->ps);
	if (v->have_p)
		project_free(&v->p);
}

/* terminals.csv, and the histories of its terminals. */
static void load_terminals(struct verifier *v)
{
	struct fc_error fe;
	int rc = terminals_load(v->dir, &v->terms, &fe);

	if (rc == FC_IOERR) {
		v->fatal = fe;
		return;
	}
	if (rc)
		problem(v, "%s", fe.msg);
	else if (!v->terms.present)
		warning(v, "%s: warning: the project is not chained (it was made "
		        "before the chain): 'flashcoop-init --chain' chains it "
		        "from now on", v->ledger);
	if (!(v->hist = history_new(&v->terms, hist_fn, v)))
		out_of_memory(v);
	else if (v->trust_chains)
		history_trust_chains(v->hist);
	if (v->terms.present && v->have_p &&
	    !(v->days = days_check_new(v->dir, &v->p, &v->terms, hist_fn, v)))
		out_of_memory(v);
}

/* Everything, under the lock. */
static void run(struct verifier *v)
{
	struct fc_error fe;

	check_files(v);
	load_terminals(v);
	if (v->fatal.code)
		return;
	/* the stock of a project that makes things (a week's rows) */
	if (v->have_p && rows_have(v->dir, ROW_FILE_PRODUCTION) &&
	    !(v->stock = stock_new(&v->p)))
		out_of_memory(v);
	check_file(v, PROJECT_LEDGER, v->ledger, FROM_LEDGER);
	if (!v->fatal.code)
		check_file(v, PROJECT_HOURS, v->hours_file, FROM_HOURS);
	/* a project from before the production has none */
	if (!v->fatal.code && rows_have(v->dir, ROW_FILE_PRODUCTION))
		check_file(v, PROJECT_PRODUCTION, v->production,
		           FROM_PRODUCTION);
	if (v->fatal.code)
		return;
	if (v->hist)
		history_end(v->hist);
	if (v->days)
		days_end(v->days);
	if (v->days && days_check_failed(v->days))
		out_of_memory(v);
	uncounted_days(v);
	made_refs_pending(&v->refs, lot_problem, v);
	oversold(v);
	if (project_closed(v->dir) && seal_verify(v->dir, seal_problem, v,
	                                          &fe) < 0)
		problem(v, "%s", fe.msg);
}


/* verify_project; with trust, the chains' hashes are not computed again
 * while the files are as the lock's note found them sound (note.h): a
 * report over a long ledger pays the SHA-256 of its rows once, after each
 * change.  Every other check runs. */
static int verify_run(const char *dir, struct store_lock *l, verify_fn fn,
                      void *ctx, row_fn row, void *row_ctx, bool trust,
                      bool made, struct verify_stats *st, struct fc_error *e)
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
	v.made = made;
	v.st = st;
	project_shown(dir, PROJECT_LEDGER, v.ledger, sizeof v.ledger);
	project_shown(dir, PROJECT_HOURS, v.hours_file, sizeof v.hours_file);
	project_shown(dir, PROJECT_PRODUCTION, v.production,
	              sizeof v.production);
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
	v.trust_chains = trust && held->fd >= 0 && note_holds(dir, held);
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

int verify_project(const char *dir, struct store_lock *l, verify_fn fn,
                   void *ctx, row_fn row, void *row_ctx,
                   struct verify_stats *st, struct fc_error *e)
{
	return verify_run(dir, l, fn, ctx, row, row_ctx, false, false, st, e);
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

static int read_run(const char *dir, struct store_lock *l, row_fn row,
                    void *row_ctx, bool made, struct fc_error *e)
{
	struct gather g = { "", 0 };
	struct verify_stats st;
	int rc = verify_run(dir, l, gather, &g, row, row_ctx, true, made, &st,
	                    e);

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

int verify_read(const char *dir, struct store_lock *l, row_fn row,
                void *row_ctx, struct fc_error *e)
{
	return read_run(dir, l, row, row_ctx, false, e);
}

int verify_read_made(const char *dir, struct store_lock *l, row_fn row,
                     void *row_ctx, struct fc_error *e)
{
	return read_run(dir, l, row, row_ctx, true, e);
}

/* A sound project's files, noted in the lock after a write that kept
 * them so. */
static void noted(const char *dir, struct store_lock *l)
{
	char now[NOTE_SIZE];

	if (note_take(dir, now, sizeof now) == 0)
		store_note_set(l, now);
}

/* Which terminal writes: this copy's, declared, listed in terminals.csv,
 * the first when by asks for it. */
static int writer_here(struct writer *w, struct terminals *t,
                       enum write_by by, struct fc_error *e)
{
	const char *dir = w->p->dir;
	int rc, i;

	if ((rc = terminals_load(dir, t, e)))
		return rc;
	if (!t->present)
		return fc_fail(e, FC_DATAERR, "%s: the project is not chained "
		               "(it was made before the chain): 'flashcoop-init "
		               "--chain' in it chains it from now on, then write",
		               dir);
	if ((rc = terminal_here(dir, w->terminal, e)))
		return rc;
	if ((i = terminals_find(t, w->terminal)) < 0)
		return fc_fail(e, FC_DATAERR, "%s: this copy is terminal %s, which "
		               "terminals.csv does not list", dir, w->terminal);
	if (by != WRITE_ANY && i != 0)
		return fc_fail(e, FC_DATAERR, "%s: only the first terminal (%s) "
		               "enrolls and closes the period; this copy is %s",
		               dir, t->v[0].name, w->terminal);
	w->terminals = t;
	w->who.terminal = w->terminal;
	w->who.first = i == 0;
	return 0;
}

int verify_writer(const struct project *p, enum write_by by,
                  struct writer *w, struct terminals *t, struct fc_error *e)
{
	memset(w, 0, sizeof *w);
	w->p = p;
	return writer_here(w, t, by, e);
}

int verify_write(const struct project *p, enum write_by by,
                 verify_write_fn fn, void *arg, struct fc_error *e)
{
	struct store_lock lock;
	struct participants ps;
	struct terminals t = { 0 };
	struct writer w = { .p = p };
	int rc;

	if ((rc = store_lock(p->dir, true, &lock, e)))
		return rc;
	/* Only into a project that flashcoop-check finds sound: a row added
	 * to files that travelled (a merge, an edit) could repeat an id or
	 * lean on a row that is wrong.  Unchanged since it was found so, it
	 * is not read again. */
	if (!(rc = by == WRITE_AMEND ? 0 : project_check_open(p->dir, e)) &&
	    !(rc = note_holds(p->dir, &lock) ? 0 :
	           verify_read(p->dir, &lock, NULL, NULL, e)) &&
	    !(rc = writer_here(&w, &t, by, e)) &&
	    !(rc = participants_load(p->dir, &ps, e))) {
		w.ps = &ps;
		rc = fn(&w, arg, e);
		participants_free(&ps);
		if (!rc)
			noted(p->dir, &lock);
	}
	terminals_free(&t);
	store_unlock(&lock);
	return rc;
}
