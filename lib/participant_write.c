/* participants.csv written: a new row appended in the file's own column
 * order, or the file rewritten with a row changed (a withdrawal, an
 * update, an anonymisation) or added, the columns an older file lacks
 * added at the header's end. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

#define NCOLS PARTICIPANT_NCOLS

/* The fields of p in our column order, dates and year in bufs. */
static void fields_of(const struct participant *p, const char **f,
                      char bufs[NCOLS][DATE_BUFSZ])
{
	for (int c = 0; c < NCOLS; c++)
		f[c] = participant_field(p, c, bufs[c]);
}

int participant_format(struct buf *b, const struct participant *p,
                       const struct participants *ps, struct fc_error *e)
{
	char bufs[NCOLS][DATE_BUFSZ];
	const char *f[NCOLS], *row[TABLE_MAX_COLS];

	fields_of(p, f, bufs);
	if (!ps || !ps->ncols)
		return table_format_row(b, f, NCOLS) < 0 ?
		       fc_fail(e, FC_IOERR, "out of memory") : 0;
	/* In the file's own column order; a value with no column to go in
	 * is not dropped: the caller rewrites the file with the column. */
	for (size_t i = 0; i < ps->ncols && i < TABLE_MAX_COLS; i++)
		row[i] = "";
	for (int c = 0; c < NCOLS; c++) {
		if (ps->col[c] >= 0)
			row[ps->col[c]] = f[c];
		else if (*f[c])
			return 1;
	}
	return table_format_row(b, row, ps->ncols) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

/* The rewrite, row by row. */
struct rewriting {
	const char *id;
	const char *const *set;      /* NULL: nothing changed */
	const struct participant *add;
	struct buf out;
	int col[NCOLS];              /* where each of ours is, after the
	                                header's end for one added */
	size_t ncols;                /* the header's, then with ours added */
	bool done;
};

/* A value of ours goes in column c: does the file need it added? */
static bool needed(const struct rewriting *w, int c)
{
	char buf[DATE_BUFSZ];

	if (w->set && w->set[c] && *w->set[c])
		return true;
	return w->add && *participant_field(w->add, c, buf);
}

static int header(struct rewriting *w, const struct table_row *r,
                  const char **f, struct fc_error *e)
{
	size_t n = r->n;

	if (table_col(r, "id") < 0)
		return fc_fail(e, FC_DATAERR, "%s:1: no 'id' column", r->name);
	for (size_t i = 0; i < r->n; i++)
		f[i] = r->field[i];
	for (int c = 0; c < NCOLS; c++) {
		w->col[c] = table_col(r, participant_col_name(c));
		if (w->col[c] >= 0 || !needed(w, c))
			continue;
		if (n >= TABLE_MAX_COLS)
			return fc_fail(e, FC_DATAERR, "%s:1: too many columns",
			               r->name);
		w->col[c] = (int)n;
		f[n++] = participant_col_name(c);
	}
	w->ncols = n;
	return table_format_row(&w->out, f, n) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

static int rewrite_row(void *ctx, const struct table_row *r,
                       struct fc_error *e)
{
	struct rewriting *w = ctx;
	const char *f[TABLE_MAX_COLS];

	if (r->header)
		return header(w, r, f, e);
	for (size_t i = 0; i < w->ncols; i++)
		f[i] = i < r->n ? r->field[i] : "";
	if (w->id && strcmp(table_get(r, w->col[PC_ID]), w->id) == 0) {
		for (int c = 0; w->set && c < NCOLS; c++)
			if (w->set[c] && w->col[c] >= 0)
				f[w->col[c]] = w->set[c];
		w->done = true;
	}
	return table_format_row(&w->out, f, w->ncols) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

/* The new row, in the columns of the file as rewritten. */
static int add_row(struct rewriting *w, struct fc_error *e)
{
	char bufs[NCOLS][DATE_BUFSZ];
	const char *f[NCOLS], *row[TABLE_MAX_COLS];

	fields_of(w->add, f, bufs);
	for (size_t i = 0; i < w->ncols; i++)
		row[i] = "";
	for (int c = 0; c < NCOLS; c++)
		if (w->col[c] >= 0)
			row[w->col[c]] = f[c];
	return table_format_row(&w->out, row, w->ncols) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int participants_text(const char *dir, const char *id,
                      const char *const set[PARTICIPANT_NCOLS],
                      const struct participant *add, struct buf *out,
                      struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	struct rewriting w = { id, set, add, { 0 }, { 0 }, 0, false };
	int rc;

	if (project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	rc = store_table(path, project_shown(dir, PROJECT_PARTICIPANTS, shown,
	                                     sizeof shown),
	                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, rewrite_row, &w, e);
	if (!rc && id && !w.done)
		rc = fc_fail(e, FC_DATAERR, "no participant %s", id);
	if (!rc && add)
		rc = add_row(&w, e);
	if (rc)
		buf_free(&w.out);
	else
		*out = w.out;
	return rc;
}

int participants_rewrite(const char *dir, const char *id,
                         const char *const set[PARTICIPANT_NCOLS],
                         const struct participant *add, struct fc_error *e)
{
	char path[PATH_MAX];
	struct buf b = { 0 };
	int rc = participants_text(dir, id, set, add, &b, e);

	if (!rc && project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		rc = fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	if (!rc)
		rc = store_replace(path, b.p, b.len, 0600, e);
	buf_free(&b);
	return rc;
}
