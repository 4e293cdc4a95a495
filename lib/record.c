#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/row.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/record.h"
#include "flashcoop/rules.h"
#include "flashcoop/store.h"
#include "flashcoop/strset.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "flashcoop/verify.h"

/* What the rows already recorded tell a new one: filled by one streaming
 * pass over the files (only the parts a caller asks for). */
/* A ref is recorded once per kind: a till's ticket 104 and an invoice 104
 * are two things.  The key joins the kind's letter and the ref. */
static const char *ref_key(char letter, const char *ref, char *buf,
                           size_t size)
{
	snprintf(buf, size, "%c\x1f%s", letter, ref);
	return buf;
}

struct known {
	const struct project *p;
	const struct participants *ps;
	const struct row_writer *who;
	char prev[ROW_FILES][CHAIN_HEX]; /* who's last chain in each file */
	struct days days;        /* the daily closings */
	bool want_refs;
	struct strset refs;      /* ref -> id (owned) of rows not voids */
	struct strset voided;    /* ids voided */
	struct strset *wanted;   /* ids whose rows are wanted -> NULL */
	struct strset rows;      /* wanted id -> struct row * (owned) */
	struct day_hours hours;  /* when asked for */
	struct made_refs *made;  /* the charges and lots, when asked for */
	unsigned long long last[KIND_LOSS + 1]; /* last id number per kind */
};

static void known_free(struct known *k)
{
	for (size_t i = 0; i < k->refs.cap; i++)
		if (k->refs.slot[i])
			free(k->refs.val[i]);
	for (size_t i = 0; i < k->rows.cap; i++)
		if (k->rows.slot[i]) {
			row_free(k->rows.val[i]);
			free(k->rows.val[i]);
		}
	strset_free(&k->refs);
	strset_free(&k->voided);
	strset_free(&k->rows);
	day_hours_free(&k->hours);
	days_free(&k->days);
}

static int learn(void *ctx, const struct row *en, struct fc_error *e)
{
	struct known *k = ctx;
	unsigned long long n = strtoull(en->id + 1, NULL, 10);
	char key[TEXT_MAX + 8];

	/* The writer's own ids and chain: another terminal's are its own. */
	if (k->who && row_writer_owns(k->who, en->terminal)) {
		if (n > k->last[en->kind])
			k->last[en->kind] = n;
		if (strlen(en->chain) == 64)
			memcpy(k->prev[row_file_of(en)], en->chain, CHAIN_HEX);
	}
	/* the charges and lots (the files' sales were checked) */
	if (k->made && (en->in_production || en->kind == KIND_CHARGE) &&
	    made_refs_row(k->made, en, e) == FC_IOERR)
		return FC_IOERR;
	if (en->kind == KIND_VOID) {
		if (strset_add(&k->voided, en->ref, NULL) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
	} else if (k->want_refs && *en->ref &&
	           !strset_has(&k->refs, ref_key(kind_letter(en->kind), en->ref,
	                                         key, sizeof key))) {
		char *id = strdup(en->id);
		if (!id || strset_add(&k->refs, key, id) < 0) {
			free(id);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
	}
	if (k->wanted && strset_has(k->wanted, en->id)) {
		struct row *copy = malloc(sizeof *copy);
		if (!copy)
			return fc_fail(e, FC_IOERR, "out of memory");
		*copy = *en;
		if (row_own(copy) < 0 || strset_add(&k->rows, en->id, copy) < 0) {
			free(copy);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
	}
	/* The files were verified: no day goes over here. */
	if (en->in_hours && k->hours.cell)
		(void)day_hours_add(&k->hours, en, NULL);
	return 0;
}

static int known_read(struct known *k, int files, bool with_hours,
                      struct fc_error *e)
{
	if (with_hours && day_hours_init(&k->hours, k->p, k->ps) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	return rows_read(k->p->dir, files, learn, k, e);
}

/* At most 24 hours a day for one participant, counting the new hours. */
static int check_hours(struct known *k, const struct row *en,
                       struct fc_error *e)
{
	return day_hours_add(&k->hours, en, e);
}

/* A money row may be dated only on a day its terminal has not closed
 * (days.h). */
static int day_open(const struct known *k, const struct row *en,
                    struct fc_error *e)
{
	if (en->in_hours || en->in_production || !k->who || !k->who->terminal)
		return 0;
	return days_open(&k->days, k->who->terminal, en->date, e);
}

/* A void of a money row whose day its terminal closed is dated the day
 * it is made (SPEC §2): the closed day never changes. */
static int void_date(const struct known *k, struct row *v, struct fc_error *e)
{
	char d[DATE_BUFSZ];

	/* Closed by this terminal, or by the row's own (v still holds its
	 * terminal: row_void_of copied it; "" for a row from before the
	 * chain, the first terminal's). */
	const char *owner = *v->terminal ? v->terminal :
	                    k->who && k->who->first ? k->who->terminal : "";
	if (v->in_hours || v->in_production || !k->who || !k->who->terminal ||
	    (!days_find(&k->days, k->who->terminal, v->date) &&
	     !days_find(&k->days, owner, v->date)))
		return 0;
	v->date = date_today();
	if (v->date < k->p->start || v->date > k->p->end)
		return fc_fail(e, FC_CLOSED, "%s: its day is closed, and its void "
		               "would be dated today, %s, outside the project's "
		               "period", v->ref, date_format(v->date, d));
	return day_open(k, v, e);
}

/* Make v the void of the row it names, if that row may be voided.  With
 * skip (a batch imported again), a row voided already sets *skip instead
 * of being an error. */
static int check_void(struct known *k, struct row *v, bool *skip,
                      struct fc_error *e)
{
	const struct row *t = strset_get(&k->rows, v->ref);
	const char *reason = v->note;
	char where[64] = "", q[TEXT_QUOTE_SIZE];

	if (v->file)
		snprintf(where, sizeof where, "%s:%ld: ", v->file, v->line);
	if (!*reason)
		return fc_fail(e, FC_DATAERR, "%sa void gives its reason", where);
	if (!t)
		return fc_fail(e, FC_DATAERR, "%sno row '%s' to void", where,
		               text_quote(v->ref, q, sizeof q));
	if (!rules_voidable(kind_letter(t->kind)))
		return fc_fail(e, FC_DATAERR, "%s%s is a %s: only sales, charges "
		               "and hours are voided", where, t->id,
		               kind_name(t->kind));
	if (strset_has(&k->voided, t->id)) {
		if (skip) {
			*skip = true;
			return 0;
		}
		return fc_fail(e, FC_DATAERR, "%s%s is already voided", where,
		               t->id);
	}
	if (strset_add(&k->voided, t->id, NULL) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	row_void_of(v, t, reason);
	return void_date(k, v, e);
}

static int file_of(const struct project *p, const struct row *en,
                   char *path, size_t size, struct fc_error *e)
{
	if (project_path(p->dir, row_file_name(row_file_of(en)), path,
	                 size) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
	return 0;
}

/* What stamps the new rows of one write: the writer, the time, one
 * hasher for their chains. */
struct stamp {
	const struct writer *w;
	char now[DATE_STAMP_SIZE];
	struct chain chain;
};

static int stamp_begin(struct stamp *s, const struct writer *w,
                       struct fc_error *e)
{
	s->w = w;
	if (date_stamp_now(s->now) < 0)
		return fc_fail_errno(e, FC_IOERR, "cannot read the clock");
	if (chain_begin(&s->chain) < 0)
		return fc_fail(e, FC_IOERR, "SHA-256 unavailable");
	return 0;
}

/* The row of en with its terminal, the time and its chain after prev
 * (which becomes its), to line. */
static int format_new(struct stamp *s, struct row *en,
                      const struct row_layout *l, struct buf *line,
                      char *prev, struct fc_error *e)
{
	size_t start = line->len;
	int rc = 0;

	if ((rc = row_layout_fits(l, en, e)))
		return rc;
	memcpy(en->terminal, s->w->terminal, sizeof en->terminal);
	en->recorded_at = s->now;
	en->chain = "";
	if (row_format(line, en, l) < 0 ||
	    row_chain_seal(line, start, &s->chain, prev) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	en->recorded_at = en->chain = "";
	return rc;
}

/* The charges and lots recorded, for a lot's uses and a loss's lot
 * (files: the ledger and production.csv), or the lots alone for a sale's
 * lot (production.csv, and the ledger only when its refs are wanted). */
static int made_read(struct known *k, struct made_refs *made, int files,
                     struct fc_error *e)
{
	k->made = made;
	return rows_read(k->p->dir, files, learn, k, e);
}

/* en (checked) written at the end of its file, its id and chain given:
 * production.csv made with its header by the first lot or loss of a
 * project from before it, never over a file there. */
static int write_new(const struct writer *w, struct row *en, struct buf *line,
                     struct fc_error *e)
{
	const struct project *p = w->p;
	enum row_file f = row_file_of(en);
	bool have = rows_have(p->dir, f);
	struct row_layout layout = { { { 0 } }, 0 };
	struct stamp st = { 0 };
	char prev[CHAIN_HEX], path[PATH_MAX];
	int rc;

	if ((rc = rows_next_id(p->dir, &w->who, en->kind, f, en->id, prev, e)) ||
	    (have && (rc = rows_layout(p->dir, f, &layout, e))))
		return rc;
	if (!have && buf_puts(line, PRODUCTION_HEADER "\n") < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if (!(rc = stamp_begin(&st, w, e)))
		rc = format_new(&st, en, have ? &layout : NULL, line, prev, e);
	chain_end(&st.chain);
	if (!rc && !(rc = file_of(p, en, path, sizeof path, e)))
		rc = have ? store_append(path, line->p, line->len, e) :
		     store_create(path, line->p, line->len, 0644, e);
	return rc;
}

static int one(const struct writer *w, struct row *en, char id[ID_SIZE],
               bool *duplicate, struct fc_error *e)
{
	const struct project *p = w->p;
	const struct participants *ps = w->ps;
	struct known k = { .p = p, .ps = ps, .who = &w->who };
	struct made_refs made = { 0 };
	struct strset wanted = { 0 };
	struct buf line = { 0 };
	char key[TEXT_MAX + 8];
	int rc = 0;

	*duplicate = false;
	if ((rc = days_load(p->dir, &k.days, e))) {
		known_free(&k);
		return rc;
	}
	if (en->kind == KIND_VOID) {
		/* The row to void, and whether it is voided already. */
		if (strset_add(&wanted, en->ref, NULL) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
		k.wanted = &wanted;
		rc = known_read(&k, en->ref[0] == 'H' ? ROWS_HOURS :
		                en->ref[0] == 'L' || en->ref[0] == 'W' ?
		                ROWS_PRODUCTION : ROWS_LEDGER, false, e);
		if (!rc)
			rc = check_void(&k, en, NULL, e);
	} else {
		/* Only what this row needs is read: the ledger's tail alone
		 * for a sale without a ref.  A ref recorded before is looked
		 * up first, as in a batch. */
		k.want_refs = *en->ref != '\0';
		if (en->in_production)
			rc = made_read(&k, &made, ROWS_LEDGER | ROWS_PRODUCTION, e);
		else if (*en->lot)
			rc = made_read(&k, &made, ROWS_PRODUCTION |
			               (k.want_refs ? ROWS_LEDGER : 0), e);
		else if (k.want_refs || en->in_hours)
			rc = known_read(&k, en->in_hours ? ROWS_HOURS :
			                ROWS_LEDGER, en->in_hours, e);
		ref_key(kind_letter(en->kind), en->ref, key, sizeof key);
		if (!rc && k.want_refs && strset_has(&k.refs, key)) {
			snprintf(id, ID_SIZE, "%s", (char *)strset_get(&k.refs, key));
			*duplicate = true;
		} else if (!rc && !(rc = row_check(p, ps, en, e)) &&
		           !(rc = day_open(&k, en, e)) && en->in_hours) {
			rc = check_hours(&k, en, e);
		} else if (!rc && (en->in_production || *en->lot)) {
			rc = made_refs_row(&made, en, e);
		}
	}
	rc = rc ? rc : *duplicate ? 0 : write_new(w, en, &line, e);
	if (!rc && !*duplicate)
		memcpy(id, en->id, ID_SIZE);
	buf_free(&line);
	strset_free(&wanted);
	made_refs_free(&made);
	known_free(&k);
	return rc;
}
struct one_args {
	struct row *en;
	char *id;
	bool *duplicate;
};

static int one_locked(const struct writer *w, void *arg, struct fc_error *e)
{
	struct one_args *a = arg;
	return one(w, a->en, a->id, a->duplicate, e);
}

int record_one(const struct project *p, struct row *en, char id[ID_SIZE],
               bool *duplicate, struct fc_error *e)
{
	struct one_args a = { en, id, duplicate };
	return verify_write(p, WRITE_ANY, one_locked, &a, e);
}

/* ---- batches ---- */

struct batch {
	const struct writer *w;
	struct stamp stamp;
	const struct project *p;
	const struct participants *ps;
	struct known k;
	struct row_cols cols;
	struct row_layout layout[ROW_FILES]; /* of each file (a batch writes
	                                        ledger.csv and hours.csv) */
	struct buf out[ROW_FILES];  /* new rows of each */
	struct buf *ids;
	struct row *voids;       /* kept for after the input */
	size_t nvoids, capvoids;
	struct strset wanted;      /* the ids the voids name */
	struct made_refs made;     /* the lots, for the sales naming one */
	struct record_result *res;
	FILE *in;
	const char *name;
};

static int assign(struct batch *b, struct row *en, struct fc_error *e)
{
	unsigned long long *last = &b->k.last[en->kind];
	int rc;
	if (*last >= 9999999999ULL)
		return fc_fail(e, FC_DATAERR, "no %c id left",
		               kind_letter(en->kind));
	row_id_format(en->id, kind_letter(en->kind), ++*last,
	              b->w->who.first ? NULL : b->w->terminal);
	enum row_file f = row_file_of(en);

	if (f == ROW_FILE_PRODUCTION)  /* row_parse refused them */
		return fc_fail(e, FC_DATAERR, "a batch records no production");
	if ((rc = format_new(&b->stamp, en, &b->layout[f], &b->out[f],
	                     b->k.prev[f], e)))
		return rc;
	if (buf_puts(b->ids, en->id) < 0 || buf_add(b->ids, "\n", 1) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	b->res->recorded++;
	return 0;
}

static int batch_row(void *ctx, const struct table_row *r,
                     struct fc_error *e)
{
	struct batch *b = ctx;
	struct row en;
	char key[TEXT_MAX + 8];
	int rc;

	if (r->header)
		return row_cols(r, FROM_BATCH, &b->cols, e);
	if ((rc = row_parse(r, &b->cols, FROM_BATCH, &en, e)))
		return rc;
	if (en.kind == KIND_VOID) {
		/* Voids wait for the end: their targets are read then. */
		if (array_reserve(&b->voids, &b->capvoids, b->nvoids + 1,
		                  sizeof *b->voids) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
		if (!*en.ref)
			return fc_fail(e, FC_DATAERR, "%s:%ld: column 'ref': a void "
			               "names the id it voids", r->name, r->line);
		if (*en.role)
			return fc_fail(e, FC_DATAERR, "%s:%ld: column 'role': a void "
			               "repeats the role of the row it voids: leave "
			               "the column empty", r->name, r->line);
		if (*en.lot)
			return fc_fail(e, FC_DATAERR, "%s:%ld: column 'lot': a void "
			               "repeats the lot of the row it voids: leave "
			               "the column empty", r->name, r->line);
		const char *file = en.file;
		if (row_own(&en) < 0 ||
		    strset_add(&b->wanted, en.ref, NULL) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
		en.file = file;
		b->voids[b->nvoids++] = en;
		return 0;
	}
	/* A row recorded before is skipped before the project's checks: the
	 * catalogue or the participants may have changed since. */
	if (*en.ref && strset_has(&b->k.refs, ref_key(kind_letter(en.kind),
	                                               en.ref, key, sizeof key))) {
		b->res->skipped++;
		return 0;
	}
	if ((rc = row_check(b->p, b->ps, &en, e)) ||
	    (rc = day_open(&b->k, &en, e)))
		return rc;
	if (en.in_hours && (rc = check_hours(&b->k, &en, e)))
		return rc;
	if (*en.lot && (rc = made_refs_row(&b->made, &en, e)))
		return rc;
	return assign(b, &en, e);
}

static int batch_locked(const struct writer *w, void *arg, struct fc_error *e)
{
	const struct project *p = w->p;
	const struct participants *ps = w->ps;
	struct batch *b = arg;
	char ledger[PATH_MAX], hours[PATH_MAX];
	struct store_change ch[2];
	size_t n = 0;
	int rc;

	b->w = w;
	b->p = p;
	b->ps = ps;
	b->k.p = p;
	b->k.ps = ps;
	b->k.who = &w->who;
	memcpy(b->k.prev[0], CHAIN_ZERO, CHAIN_HEX);
	memcpy(b->k.prev[1], CHAIN_ZERO, CHAIN_HEX);
	b->k.want_refs = true;
	memcpy(b->k.prev[2], CHAIN_ZERO, CHAIN_HEX);
	rc = stamp_begin(&b->stamp, w, e);
	if (!rc)
		rc = days_load(p->dir, &b->k.days, e);
	b->k.made = &b->made;  /* for the lots that sales name */
	if (!rc)
		rc = known_read(&b->k, ROWS_LEDGER | ROWS_HOURS | ROWS_PRODUCTION,
		                true, e);
	if (!rc)
		rc = rows_layout(p->dir, ROW_FILE_LEDGER, &b->layout[0], e);
	if (!rc)
		rc = rows_layout(p->dir, ROW_FILE_HOURS, &b->layout[1], e);
	if (!rc)
		rc = table_read_stream(b->in, b->name, 0, batch_row, b, e);
	if (!rc && b->nvoids) {
		/* A second pass over the files fetches the voided rows. */
		struct known k2 = { .p = p, .ps = ps, .wanted = &b->wanted };
		rc = known_read(&k2, ROWS_LEDGER | ROWS_HOURS, false, e);
		b->k.rows = k2.rows;
		k2.rows = (struct strset){ 0 };
		known_free(&k2);
		for (size_t i = 0; !rc && i < b->nvoids; i++) {
			struct row v = b->voids[i];
			bool skip = false;
			if ((rc = check_void(&b->k, &v, &skip, e)))
				break;
			if (skip)
				b->res->skipped++;
			else
				rc = assign(b, &v, e);
		}
	}
	if (rc)
		return rc;
	if (project_path(p->dir, PROJECT_LEDGER, ledger, sizeof ledger) < 0 ||
	    project_path(p->dir, PROJECT_HOURS, hours, sizeof hours) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
	if (b->out[0].len)
		ch[n++] = (struct store_change){ ledger, b->out[0].p, b->out[0].len,
		                                 false };
	if (b->out[1].len)
		ch[n++] = (struct store_change){ hours, b->out[1].p, b->out[1].len,
		                                 false };
	return n ? store_commit(p->dir, ch, n, e) : 0;
}

int record_batch(const struct project *p, FILE *in, const char *name,
                 struct buf *ids, struct record_result *res,
                 struct fc_error *e)
{
	struct batch b = { 0 };
	int rc;

	memset(res, 0, sizeof *res);
	b.ids = ids;
	b.res = res;
	b.in = in;
	b.name = name;
	rc = verify_write(p, WRITE_ANY, batch_locked, &b, e);
	if (rc) {
		ids->len = 0;
		res->recorded = 0;
	}
	for (size_t i = 0; i < b.nvoids; i++)
		row_free(&b.voids[i]);
	free(b.voids);
	strset_free(&b.wanted);
	made_refs_free(&b.made);
	for (int i = 0; i < ROW_FILES; i++)
		buf_free(&b.out[i]);
	known_free(&b.k);
	chain_end(&b.stamp.chain);
	return rc;
}
