#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/chain.h"
#include "flashcoop/history.h"
#include "flashcoop/i18n.h"
#include "flashcoop/rules.h"
#include "flashcoop/strset.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/text.h"

/* What is remembered of a row, for the voids that name it: 32 bits, so
 * that a million rows take 4 MB. */
#define MARK_VOIDED  0x80000000u  /* a void named it */
#define MARK_PRESENT 0x40000000u  /* a row has this id */
#define MARK_UNREAD  0x20000000u  /* it did not parse: nothing to compare */
#define MARK_PRINT   0x1fffffffu  /* a digest of what a void repeats */

/* A gap in the ids wider than this is not filled: the kind's voids are no
 * longer compared (the gap is a problem already). */
#define GAP_FILL 1024

/* One kind's rows of one terminal, by id number: v[n - 1] is the mark of
 * id n. */
struct seq {
	struct mark {
		uint32_t m;            /* MARK_* */
		uint32_t fp;           /* a fingerprint of its chain, 0: none */
	} *v;
	size_t n, cap;
	unsigned long long last;   /* highest number seen */
	bool lost;                 /* a gap too wide to follow */
};

/* A void id seen, for the one sequence of a terminal's V ids over both
 * files. */
struct vid {
	unsigned long long n;
	long line;
	enum row_file file;
	unsigned long long after;  /* not 0: it came after this V in its file */
};

/* One terminal's history. */
struct term {
	const char *name;          /* "" for the first of a project not chained */
	struct seq s, c, k, d, h, l, w;  /* per kind */
	struct vid *vids;
	size_t nvids, capvids;
	unsigned long long vlast;  /* last V number in the file being read */
	char prev[CHAIN_HEX];      /* its last chain in the file being read */
};

struct history {
	history_fn fn;
	void *ctx;
	struct term *t;
	size_t nt;
	const struct terminals *terms;
	const char *file;          /* being read, for messages */
	const char *files[ROW_FILES];
	enum row_file in;          /* the file being read */
	bool chained;
	bool chained_seen;         /* a chained row in this file */
	struct strset voider;      /* a voided id -> its voider's term + 1 */
	struct strset void_chains; /* the chains of the voids, for copies */
	struct chain chain;
	bool failed;
	bool trusted;              /* chains not hashed again (verify's note) */
};

void history_trust_chains(struct history *h)
{
	h->trusted = true;
}

/* A problem (or a warning) of the history, translated. */
static void hist_say(struct history *h, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void hist_say(struct history *h, bool warning, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	h->fn(h->ctx, msg, warning);
}

struct history *history_new(const struct terminals *t, history_fn fn,
                            void *ctx)
{
	struct history *h = calloc(1, sizeof *h);
	size_t n = t && t->n ? t->n : 1;

	if (!h)
		return NULL;
	h->fn = fn;
	h->ctx = ctx;
	h->terms = t;
	h->nt = n;
	h->t = calloc(n, sizeof *h->t);
	if (!h->t || chain_begin(&h->chain) < 0) {
		history_free(h);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		h->t[i].name = t && t->n ? t->v[i].name : "";
	return h;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	for (size_t i = 0; h->t && i < h->nt; i++) {
		free(h->t[i].s.v);
		free(h->t[i].c.v);
		free(h->t[i].k.v);
		free(h->t[i].d.v);
		free(h->t[i].h.v);
		free(h->t[i].l.v);
		free(h->t[i].w.v);
		free(h->t[i].vids);
	}
	free(h->t);
	strset_free(&h->voider);
	strset_free(&h->void_chains);
	chain_end(&h->chain);
	free(h);
}

bool history_failed(const struct history *h)
{
	return h->failed;
}

void history_file(struct history *h, const char *shown, enum row_file in,
                  bool chained)
{
	h->files[in] = shown;
	h->file = shown;
	h->in = in;
	h->chained = chained;
	h->chained_seen = false;
	for (size_t i = 0; i < h->nt; i++) {
		h->t[i].vlast = 0;
		memcpy(h->t[i].prev, CHAIN_ZERO, CHAIN_HEX);
	}
}

/* ---- ids ---- */

/* The terminal of a row, by its terminal column ("": the first), or NULL
 * when terminals.csv does not list it. */
static struct term *term_of(struct history *h, const char *name)
{
	if (!*name)
		return &h->t[0];
	for (size_t i = 0; i < h->nt; i++)
		if (strcmp(h->t[i].name, name) == 0)
			return &h->t[i];
	return NULL;
}

static struct seq *seq_of(struct term *t, char letter)
{
	switch (letter) {
	case 'S': return &t->s;
	case 'C': return &t->c;
	case 'K': return &t->k;
	case 'D': return &t->d;
	case 'H': return &t->h;
	case 'L': return &t->l;
	case 'W': return &t->w;
	}
	return NULL;
}

static int seq_push(struct seq *q, uint32_t mark, uint32_t fp)
{
	if (array_reserve(&q->v, &q->cap, q->n + 1, sizeof *q->v) < 0)
		return -1;
	q->v[q->n++] = (struct mark){ mark, fp };
	return 0;
}

/* 32 bits of a chain (its first 8 hex digits), for telling a copy of a
 * row from another row of the same id; 0 for a row with no chain. */
static uint32_t fingerprint(const char *chain)
{
	/* By a table: digits and letters mixed at random defeat a branch. */
	static const unsigned char value[256] = {
		['1'] = 1, ['2'] = 2, ['3'] = 3, ['4'] = 4, ['5'] = 5, ['6'] = 6,
		['7'] = 7, ['8'] = 8, ['9'] = 9, ['a'] = 10, ['b'] = 11,
		['c'] = 12, ['d'] = 13, ['e'] = 14, ['f'] = 15
	};
	uint32_t fp = 0;

	if (!*chain)
		return 0;
	for (int i = 0; i < 8; i++)
		fp = fp << 4 | value[(unsigned char)chain[i]];
	return fp ? fp : 1;
}

/* The mark of id number n, or NULL when no row has it (or the kind's
 * gaps were too wide to follow). */
static uint32_t *seq_at(struct seq *q, unsigned long long n)
{
	if (q->lost || n == 0 || n > q->n || !(q->v[n - 1].m & MARK_PRESENT))
		return NULL;
	return &q->v[n - 1].m;
}

/* The id of number n of a kind letter of t's, for messages: the first
 * terminal's without a name. */
static const char *id_of(const struct history *h, const struct term *t,
                         char letter, unsigned long long n, char id[ID_SIZE])
{
	row_id_format(id, letter, n, t == h->t ? NULL : t->name);
	return id;
}

/* A row of t's with id number n of a kind letter: it must be the next
 * one.  Its mark is kept when it is in order. */
static void seq_take(struct history *h, struct term *t, const char *id,
                     const struct row_id *pp, long line, uint32_t mark,
                     uint32_t fp)
{
	const struct row_id p = *pp;
	struct seq *q;
	char last[ID_SIZE], next[ID_SIZE];

	if (!(q = seq_of(t, p.letter)))
		return;
	if (p.n <= q->last) {
		hist_say(h, false, "%s:%ld: id %s comes after %s: repeated or "
		         "out of order", h->file, line, id,
		         id_of(h, t, p.letter, q->last, last));
		return;
	}
	if (p.n != q->last + 1)
		hist_say(h, false, "%s:%ld: id %s follows %s: %s is missing",
		         h->file, line, id, id_of(h, t, p.letter, q->last, last),
		         id_of(h, t, p.letter, q->last + 1, next));
	/* Fill a small gap so that numbers stay indexes; past that, stop
	 * following the kind rather than let a number size the memory. */
	if (p.n - q->last - 1 > GAP_FILL)
		q->lost = true;
	for (unsigned long long i = q->last + 1; !q->lost && i < p.n; i++)
		if (seq_push(q, 0, 0) < 0)
			h->failed = true;
	if (!q->lost && seq_push(q, mark, fp) < 0)
		h->failed = true;
	q->last = p.n;
}

/* A void id: in order within its file; over both files, the set is
 * checked at the end. */
static void vid_take(struct history *h, struct term *t,
                     const struct row_id *pp, long line)
{
	const struct row_id p = *pp;
	unsigned long long after = 0;

	/* Named at the end, unless it is a repeat, named as such. */
	if (p.n <= t->vlast)
		after = t->vlast;
	else
		t->vlast = p.n;
	if (array_reserve(&t->vids, &t->capvids, t->nvids + 1,
	                  sizeof *t->vids) < 0) {
		h->failed = true;
		return;
	}
	t->vids[t->nvids++] = (struct vid){ p.n, line, h->in, after };
}

static int by_number(const void *a, const void *b)
{
	const struct vid *x = a, *y = b;
	if (x->n != y->n)
		return (x->n > y->n) - (x->n < y->n);
	return (x->line > y->line) - (x->line < y->line);
}

/* A file read, for messages: f's, or the first read. */
static const char *file_named(const struct history *h, enum row_file f)
{
	for (int i = 0; !h->files[f] && i < ROW_FILES; i++)
		if (h->files[i])
			return h->files[i];
	return h->files[f] ? h->files[f] : "";
}

/* One terminal's V ids of the files together: each once, from 1 with no
 * gap. */
static void vids_check(struct history *h, struct term *t)
{
	char id[ID_SIZE], id2[ID_SIZE];
	bool gap = false;

	if (t->nvids > 1)
		qsort(t->vids, t->nvids, sizeof *t->vids, by_number);
	for (size_t i = 0; i < t->nvids; i++) {
		const struct vid *x = &t->vids[i];
		const char *file = file_named(h, x->file);
		unsigned long long want = i ? t->vids[i - 1].n + 1 : 1;
		bool twice = (i && x->n == t->vids[i - 1].n) ||
		             (i + 1 < t->nvids && x->n == t->vids[i + 1].n);
		if (i && x->n == t->vids[i - 1].n)
			hist_say(h, false, "%s:%ld: id %s appears twice", file,
			         x->line, id_of(h, t, 'V', x->n, id));
		else if (x->after && !twice)
			hist_say(h, false, "%s:%ld: id %s comes after %s: out of "
			         "order", file, x->line, id_of(h, t, 'V', x->n, id),
			         id_of(h, t, 'V', x->after, id2));
		if (!gap && x->n != want && !(i && x->n == t->vids[i - 1].n)) {
			hist_say(h, false, "%s: void id %s is missing (ids run to "
			         "%s)", file_named(h, ROW_FILE_LEDGER),
			         id_of(h, t, 'V', want, id),
			         id_of(h, t, 'V', t->vids[t->nvids - 1].n, id2));
			gap = true;
		}
	}
}

void history_end(struct history *h)
{
	for (size_t i = 0; i < h->nt; i++)
		vids_check(h, &h->t[i]);
}

/* ---- voids ---- */

/* What a void must repeat of the row it names, in 29 bits: a mix of the
 * values (a row is checked once, so this is on every row's path).  The
 * date of hours only: a money row's void is dated the day it is made
 * when its own day is closed (SPEC §2). */
static uint32_t print_of(const struct row *en)
{
	uint64_t x = (uint64_t)en->amount * 0x9e3779b97f4a7c15ULL;
	uint64_t day = en->in_hours || en->in_production ?
	               (uint64_t)(uint32_t)en->date : 0;

	/* a lot's or a loss's quantity and product */
	if (en->in_production) {
		x = (x ^ (uint64_t)en->quantity) * 0xbf58476d1ce4e5b9ULL;
		for (const char *s = en->product; *s; s++)
			x = (x ^ (unsigned char)*s) * 0x100000001b3ULL;
	}
	x = (x ^ (uint64_t)en->hours) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (day << 32 | (uint32_t)en->vat)) * 0x94d049bb133111ebULL;
	for (const char *s = en->participant; *s; s++)
		x = (x ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (uint32_t)(x ^ (x >> 29)) & MARK_PRINT;
}

/* A void of t's: it names a row above it that it repeats, voided once;
 * false when that row was voided already on another terminal. */
static bool check_void(struct history *h, struct term *t,
                       const struct row *en)
{
	struct row_id p;
	struct term *owner = NULL;
	struct seq *q = NULL;
	uint32_t *mark = NULL;
	enum row_file of = en->ref[0] == 'H' ? ROW_FILE_HOURS :
	                   en->ref[0] == 'L' || en->ref[0] == 'W' ?
	                   ROW_FILE_PRODUCTION : ROW_FILE_LEDGER;
	bool here = of == row_file_of(en);
	uintptr_t by;

	if (row_id_parts(en->ref, &p) == 0 && rules_voidable(p.letter) &&
	    (owner = term_of(h, p.terminal)) &&
	    (owner == &h->t[0]) == !*p.terminal)
		q = seq_of(owner, p.letter);
	if (q && here && q->lost)
		return true; /* a gap too wide was named: nothing to compare */
	if (q && here)
		mark = seq_at(q, p.n);
	if (!mark) {
		hist_say(h, false, "%s:%ld: void %s names '%s', which is not a "
		         "sale, charge, deposit, hours, lot or loss row above it",
		         h->file, en->line, en->id, en->ref);
		return true;
	}
	/* The terminals that voided it, a bit each (the first 63; beyond,
	 * the last bit stands for all). */
	size_t ti = (size_t)(t - h->t);
	uintptr_t me = (uintptr_t)1 << (ti < 63 ? ti : 63);
	by = (uintptr_t)strset_get(&h->voider, en->ref);
	if ((*mark & MARK_VOIDED) && by && !(by & me)) {
		size_t first = 0;
		while (!(by & ((uintptr_t)1 << first)))
			first++;
		if (strset_put(&h->voider, en->ref, (void *)(by | me)) < 0)
			h->failed = true;
		hist_say(h, true, "%s:%ld: warning: %s voids %s, which terminal "
		         "%s voided already (each before they met): it counts as "
		         "voided once; flashcoop-ledger(5) tells how to settle it",
		         h->file, en->line, en->id, en->ref, h->t[first].name);
		return false;
	}
	if (*mark & MARK_VOIDED)
		hist_say(h, false, "%s:%ld: %s is voided twice (again by %s)",
		         h->file, en->line, en->ref, en->id);
	else if (strset_add(&h->voider, en->ref, (void *)me) < 0)
		h->failed = true;
	*mark |= MARK_VOIDED;
	if (!(*mark & MARK_UNREAD) && (*mark & MARK_PRINT) != print_of(en))
		hist_say(h, false, "%s:%ld: void %s does not repeat the date, "
		         "amount, VAT rate, hours, participant, product or "
		         "quantity of %s", h->file, en->line, en->id, en->ref);
	return true;
}

/* ---- the chain ---- */

/* A row's chain after its terminal's previous row in this file. */
static void check_chain(struct history *h, struct term *t, const char *id,
                        const char *chain, bool valid,
                        const struct table_row *r)
{
	char want[CHAIN_HEX];
	long len;

	if (h->trusted) {
		if (valid || chain_valid(chain))
			memcpy(t->prev, chain, CHAIN_HEX);
		return;
	}
	len = chain_line_len(r->raw, r->rawlen);
	if (len < 0 || chain_next(&h->chain, t->prev, r->raw, (size_t)len,
	                          want) < 0) {
		h->failed = true;
		return;
	}
	if (strcmp(want, chain) != 0)
		hist_say(h, false, "%s:%ld: the chain of terminal %s breaks at "
		         "%s: this row, or one of the terminal's before it, was "
		         "changed, removed, inserted or moved", h->file, r->line,
		         t->name, id);
	/* Followed from the row's own chain: one break, one problem. */
	if (valid || chain_valid(chain))
		memcpy(t->prev, chain, CHAIN_HEX);
}

/* Is en a copy of a row above it, byte for byte (the same id and
 * chain)?  git's union merge makes them when two clones that merged each
 * other merge again: such a copy tells nothing new. */
static bool is_copy(struct history *h, struct term *t, const struct row *en,
                    const struct row_id *p)
{
	uint32_t fp;
	struct seq *q;

	if (!*en->chain)
		return false;
	if (en->kind == KIND_VOID) {
		char key[ID_SIZE + CHAIN_HEX + 1];
		snprintf(key, sizeof key, "%s\x1f%s", en->id, en->chain);
		if (strset_has(&h->void_chains, key))
			return true;
		if (strset_add(&h->void_chains, key, NULL) < 0)
			h->failed = true;
		return false;
	}
	/* A new id (the next one, every row but a copy's) is no copy. */
	q = seq_of(t, p->letter);
	if (!q || q->lost || p->n > q->last || p->n > q->n)
		return false;
	fp = fingerprint(en->chain);
	return (q->v[p->n - 1].m & MARK_PRESENT) && q->v[p->n - 1].fp == fp;
}

enum history_seen history_row(struct history *h, const struct row *en,
                              const struct table_row *r)
{
	struct term *t = term_of(h, en->terminal);
	char q[TEXT_QUOTE_SIZE];
	struct row_id p;

	if (!t) {
		hist_say(h, false, "%s:%ld: terminal '%s' of %s is not in "
		         "terminals.csv", h->file, en->line,
		         text_quote(en->terminal, q, sizeof q), en->id);
		return HISTORY_NEW;
	}
	if (row_id_parts(en->id, &p) < 0)
		return HISTORY_NEW;   /* the parser saw to it: not reached */
	if (h->chained && *en->terminal && is_copy(h, t, en, &p)) {
		hist_say(h, true, "%s:%ld: warning: %s is a copy of a row above "
		         "(git's union merge of clones that had merged each "
		         "other): it counts once", h->file, en->line, en->id);
		return HISTORY_COPY;
	}
	if ((*en->terminal && (t == &h->t[0]) != !*p.terminal) ||
	    (!*en->terminal && *p.terminal))
		hist_say(h, false, "%s:%ld: id %s: the first terminal's ids "
		         "end with no name, another's with -NAME", h->file,
		         en->line, en->id);
	if (h->chained && !*en->terminal && h->chained_seen)
		hist_say(h, false, "%s:%ld: %s has no chain, after chained rows",
		         h->file, en->line, en->id);
	if (h->chained && *en->terminal) {
		h->chained_seen = true;
		check_chain(h, t, en->id, en->chain, true, r);
	}
	if (en->kind == KIND_VOID) {
		vid_take(h, t, &p, en->line);
		return check_void(h, t, en) ? HISTORY_NEW :
		       HISTORY_VOIDED_ELSEWHERE;
	}
	seq_take(h, t, en->id, &p, en->line, MARK_PRESENT | print_of(en),
	         fingerprint(en->chain));
	return HISTORY_NEW;
}

void history_unread(struct history *h, const char *id, const char *terminal,
                    const char *chain, const struct table_row *r)
{
	struct term *t = term_of(h, terminal);
	struct row_id p;

	/* Its chain holds or not all the same: the next row's is not
	 * broken by it. */
	if (t && h->chained && *terminal && r) {
		h->chained_seen = true;
		check_chain(h, t, id, chain, false, r);
	}
	if (!t || row_id_parts(id, &p) < 0)
		return;
	if (p.letter == 'V')
		vid_take(h, t, &p, r ? r->line : 0);
	else
		seq_take(h, t, id, &p, r ? r->line : 0,
		         MARK_PRESENT | MARK_UNREAD,
		         chain_valid(chain) ? fingerprint(chain) : 0);
}
