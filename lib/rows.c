#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/chain.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

/* ---- reading the files in order ---- */

struct reading {
	enum source src;
	struct row_cols cols;
	row_fn fn;
	void *ctx;
};

static int read_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct reading *rd = ctx;
	struct row en;
	int rc;

	if (r->header)
		return row_cols(r, rd->src, &rd->cols, e);
	if ((rc = row_parse(r, &rd->cols, rd->src, &en, e)))
		return rc;
	return rd->fn(rd->ctx, &en, e);
}

int rows_read(const char *dir, int files, row_fn fn, void *ctx,
                 struct fc_error *e)
{
	static const struct { int flag; const char *file; enum source src; }
	which[] = {
		{ ROWS_LEDGER, PROJECT_LEDGER, FROM_LEDGER },
		{ ROWS_HOURS, PROJECT_HOURS, FROM_HOURS },
		{ ROWS_PRODUCTION, PROJECT_PRODUCTION, FROM_PRODUCTION },
	};
	char path[PATH_MAX], shown[PATH_MAX + 32];
	int rc;

	for (size_t i = 0; i < sizeof which / sizeof *which; i++) {
		struct reading rd = { which[i].src, { { 0 } }, fn, ctx };
		if (!(files & which[i].flag))
			continue;
		if (project_path(dir, which[i].file, path, sizeof path) < 0)
			return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
		/* a project from before the production has no such file */
		if (which[i].src == FROM_PRODUCTION && !rows_have(dir,
		                                                  ROW_FILE_PRODUCTION))
			continue;
		rc = store_table(path, project_shown(dir, which[i].file, shown,
		                                     sizeof shown),
		                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, read_row, &rd,
		                 e);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- a file's header and tail ---- */

bool rows_have(const char *dir, enum row_file f)
{
	char path[PATH_MAX];
	struct stat st;

	return project_path(dir, row_file_name(f), path, sizeof path) < 0 ||
	       lstat(path, &st) == 0 || errno != ENOENT;
}

/* Open dir's file of rows f; its name in messages to shown. */
static int open_file(const char *dir, enum row_file f, int *fd, char *shown,
                     size_t size, struct fc_error *e)
{
	const char *file = row_file_name(f);
	char path[PATH_MAX];

	if (project_path(dir, file, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	project_shown(dir, file, shown, size);
	return store_open(path, O_RDONLY, fd, e);
}

struct layout_of {
	struct row_layout *l;
	enum source src;
};

static int layout_row(void *ctx, const struct table_row *h, struct fc_error *e)
{
	struct layout_of *lo = ctx;
	lo->l->ncols = h->ncols;
	return row_cols(h, lo->src, &lo->l->cols, e);
}

static int header_layout(int fd, const char *name, enum row_file f,
                         struct row_layout *l, struct fc_error *e)
{
	static const enum source src[ROW_FILES] = { FROM_LEDGER, FROM_HOURS,
	                                            FROM_PRODUCTION };
	struct layout_of lo = { l, src[f] };
	return table_header(fd, name, layout_row, &lo, e);
}

int rows_layout(const char *dir, enum row_file f, struct row_layout *l,
                struct fc_error *e)
{
	char shown[PATH_MAX + 32];
	int fd, rc;

	if ((rc = open_file(dir, f, &fd, shown, sizeof shown, e)))
		return rc;
	rc = header_layout(fd, shown, f, l, e);
	close(fd);
	return rc;
}

/* What a writer looks for from the end of a file: the last id of a kind
 * of its own, and (in the file it writes) its last chain. */
struct tail {
	const struct row_writer *w;
	int id_col, term_col, chain_col;
	char letter;
	bool want_chain, chain_found, id_found;
	char chain[CHAIN_HEX];
	unsigned long long n;
};

/* The first terminal's rows are also the rows from before the chain (no
 * terminal). */
bool row_writer_owns(const struct row_writer *w, const char *term)
{
	const char *me = w->terminal ? w->terminal : "";
	return strcmp(term, me) == 0 || (w->first && !*term);
}

static int tail_row(void *ctx, const char *const *f, size_t n)
{
	struct tail *t = ctx;
	const char *term = t->term_col >= 0 && (size_t)t->term_col < n ?
	                   f[t->term_col] : "";
	struct row_id id;

	if ((size_t)t->id_col >= n || !row_writer_owns(t->w, term))
		return 0;
	if (t->want_chain && !t->chain_found) {
		const char *c = *term && t->chain_col >= 0 &&
		                (size_t)t->chain_col < n ? f[t->chain_col] : "";
		snprintf(t->chain, sizeof t->chain, "%s",
		         strlen(c) == 64 ? c : CHAIN_ZERO);
		t->chain_found = true;
	}
	if (!t->id_found && f[t->id_col][0] == t->letter &&
	    row_id_parts(f[t->id_col], &id) == 0) {
		t->n = id.n;
		t->id_found = true;
	}
	return t->id_found && (t->chain_found || !t->want_chain);
}

/* The file of a kind's rows (a void's are in every file). */
static enum row_file file_of_kind(enum kind k)
{
	return k == KIND_HOURS ? ROW_FILE_HOURS :
	       k == KIND_LOT || k == KIND_LOSS ? ROW_FILE_PRODUCTION :
	       ROW_FILE_LEDGER;
}

int rows_next_id(const char *dir, const struct row_writer *w, enum kind k,
                 enum row_file in, char *id, char *prev, struct fc_error *e)
{
	unsigned long long best = 0;

	if (prev)
		snprintf(prev, CHAIN_HEX, "%s", CHAIN_ZERO);
	for (int i = 0; i < ROW_FILES; i++) {
		char shown[PATH_MAX + 32];
		struct row_layout l = { { { 0 } }, 0 };
		struct tail t = { .w = w, .letter = kind_letter(k) };
		enum row_file f = (enum row_file)i;
		int fd, rc;

		/* V ids run over the files; the others live in one. */
		if (k != KIND_VOID && f != file_of_kind(k))
			continue;
		if (!rows_have(dir, f))
			continue;  /* a production.csv not made yet */
		if ((rc = open_file(dir, f, &fd, shown, sizeof shown, e)))
			return rc;
		rc = header_layout(fd, shown, f, &l, e);
		t.id_col = l.cols.at[COL_ID];
		t.term_col = l.cols.at[COL_TERMINAL];
		t.chain_col = l.cols.at[COL_CHAIN];
		t.want_chain = prev && f == in;
		if (!rc)
			rc = table_read_back(fd, shown, tail_row, &t, e);
		close(fd);
		if (rc)
			return rc;
		if (t.n > best)
			best = t.n;
		if (t.want_chain && t.chain_found)
			memcpy(prev, t.chain, CHAIN_HEX);
	}
	if (best >= 9999999999ULL)
		return fc_fail(e, FC_DATAERR, "no %c id left", kind_letter(k));
	row_id_format(id, kind_letter(k), best + 1,
	              w->first ? NULL : w->terminal);
	return 0;
}
