#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/amend.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

bool amend_allowed(enum participant_col c)
{
	switch (c) {
	case PC_NAME: case PC_CONTRACT: case PC_NOTE: case PC_EDUCATION:
	case PC_QPV: case PC_DISABILITY: case PC_EXIT_STATUS:
	case PC_EXIT_DATE: case PC_STATUS_6M:
		return true;
	default:
		return false;
	}
}

bool amend_outcome(enum participant_col c)
{
	return amend_allowed(c) && c != PC_NAME && c != PC_CONTRACT &&
	       c != PC_NOTE;
}

bool amend_has_fixed(const char *file)
{
	return strcmp(file, PROJECT_PARTICIPANTS) == 0 ||
	       strcmp(file, PROJECT_CLOSING_CSV) == 0;
}

/* Is the column named col one that may be amended in file? */
static bool amendable(const char *file, const char *col)
{
	if (strcmp(col, "name") == 0 || strcmp(col, "contract") == 0)
		return true;
	if (strcmp(file, PROJECT_PARTICIPANTS) != 0)
		return false;
	for (int c = 0; c < PARTICIPANT_NCOLS; c++)
		if (strcmp(col, participant_col_name(c)) == 0)
			return amend_allowed(c);
	return false;
}

struct fixing {
	const char *file;
	bool keep[TABLE_MAX_COLS];
	struct buf out;
};

static int fixed_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct fixing *f = ctx;
	const char *kept[TABLE_MAX_COLS];
	size_t n = 0;

	for (size_t i = 0; r->header && i < r->n && i < TABLE_MAX_COLS; i++)
		f->keep[i] = !amendable(f->file, r->field[i]);
	for (size_t i = 0; i < r->n && i < TABLE_MAX_COLS; i++)
		if (f->keep[i])
			kept[n++] = r->field[i];
	return table_format_row(&f->out, kept, n) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int amend_fixed(const char *file, const char *data, size_t len, char *hex,
                struct fc_error *e)
{
	struct fixing f = { file, { false }, { 0 } };
	FILE *in = fmemopen((void *)(data && len ? data : "\n"),
	                    data && len ? len : 1, "r");
	int rc;

	if (!in)
		return fc_fail(e, FC_IOERR, "out of memory");
	rc = table_read_stream(in, file, TABLE_RAGGED, fixed_row, &f, e);
	fclose(in);
	if (!rc)
		rc = seal_buffer(f.out.p, f.out.len, hex, e);
	buf_free(&f.out);
	return rc;
}

/* closing.ini's text, and where its [amendments] begins (or its end). */
static int closing_ini(const char *dir, char *path, char **text,
                       size_t *keep, struct fc_error *e)
{
	static const char mark[] = "\n[" AMEND_SECTION "]\n";
	char *at;
	int rc;

	if (project_path(dir, PROJECT_CLOSING_INI, path, PATH_MAX) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((rc = store_slurp(path, text, NULL, e)))
		return rc;
	at = strstr(*text, mark);
	*keep = at ? (size_t)(at - *text) + 1 : strlen(*text);
	return 0;
}

int amend_possible(const char *dir, struct fc_error *e)
{
	char path[PATH_MAX], *text;
	size_t keep;
	int rc = closing_ini(dir, path, &text, &keep, e);

	if (rc)
		return rc;
	if (!strstr(text, "\n" PROJECT_PARTICIPANTS AMEND_FIXED_SUFFIX " "))
		rc = fc_fail(e, FC_DATAERR, "%s: the project was closed by an "
		             "older version, whose seal cannot tell an amendment "
		             "from a change: it cannot be amended", dir);
	free(text);
	return rc;
}

/* Is id one of the space-separated words of list? */
static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *w = list; (w = strstr(w, id)); w += n)
		if ((w == list || w[-1] == ' ') && (w[n] == ' ' || !w[n]))
			return true;
	return false;
}

/* The ids anonymised so far (the value of "anonymised" in the old
 * section), with id added when not there; -1 when they do not fit. */
static int anonymised_ids(const char *old, const char *id, char *out,
                          size_t size)
{
	const char *v = old ? strstr(old, "\nanonymised") : NULL;
	size_t n = 0;

	*out = '\0';
	if (v && (v = strchr(v, '='))) {
		v += 1 + strspn(v + 1, " ");
		n = strcspn(v, "\n");
		if (n >= size)
			return -1;
		memcpy(out, v, n);
		out[n] = '\0';
	}
	if (!id || listed(out, id))
		return 0;
	if (n + 1 + strlen(id) >= size)
		return -1;
	snprintf(out + n, size - n, "%s%s", n ? " " : "", id);
	return 0;
}

/* The section: date, ids, the files' SHA-256 as they will be. */
static int section(struct buf *b, const char *dir, int32_t day,
                   const char *ids, const struct buf *people,
                   const struct buf *closing, struct fc_error *e)
{
	char d[DATE_BUFSZ], hex[SEAL_HEX], path[PATH_MAX];
	int rc = 0, bad = buf_puts(b, "[" AMEND_SECTION "]\n; changed after "
	                           "the closing: outcomes, anonymisations "
	                           "(flashcoop-enroll)\n") |
	                  seal_put(b, "date", date_format(day, d));

	if (*ids)
		bad |= seal_put(b, "anonymised", ids);
	if ((rc = seal_buffer(people->p, people->len, hex, e)))
		return rc;
	bad |= seal_put(b, PROJECT_PARTICIPANTS, hex);
	if (closing)
		rc = seal_buffer(closing->p, closing->len, hex, e);
	else if (project_path(dir, PROJECT_CLOSING_CSV, path, sizeof path) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	else
		rc = seal_file(path, hex, e);
	if (rc)
		return rc;
	bad |= seal_put(b, PROJECT_CLOSING_CSV, hex);
	return bad ? fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int amend_commit(const char *dir, int32_t day, const char *anonymised,
                 const struct buf *people, const struct buf *closing,
                 struct fc_error *e)
{
	char path[PATH_MAX], ppath[PATH_MAX], cpath[PATH_MAX], *text;
	char ids[AMEND_IDS_MAX];
	struct buf b = { 0 };
	size_t keep;
	int rc = closing_ini(dir, path, &text, &keep, e);

	if (rc)
		return rc;
	if (anonymised_ids(text[keep] ? text + keep : NULL, anonymised, ids,
	                   sizeof ids) < 0)
		rc = fc_fail(e, FC_DATAERR, "%s: closing.ini lists too many "
		             "participants anonymised to add %s", dir, anonymised);
	else if (buf_add(&b, text, keep) < 0 ||
	    (keep && text[keep - 1] != '\n' && buf_puts(&b, "\n") < 0) ||
	    buf_puts(&b, keep && text[keep] ? "" : "\n") < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc)
		rc = section(&b, dir, day, ids, people, closing, e);
	if (!rc && (project_path(dir, PROJECT_PARTICIPANTS, ppath,
	                         sizeof ppath) < 0 ||
	            project_path(dir, PROJECT_CLOSING_CSV, cpath,
	                         sizeof cpath) < 0))
		rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if (!rc) {
		struct store_change ch[3] = {
			{ ppath, people->p, people->len, true },
			{ path, b.p, b.len, true },
			{ cpath, closing ? closing->p : NULL,
			  closing ? closing->len : 0, true },
		};
		rc = store_commit(dir, ch, closing ? 3 : 2, e);
	}
	buf_free(&b);
	free(text);
	return rc;
}

/* closing.csv rewritten with the name and contract of one participant. */
struct renaming {
	const char *id, *pseudonym;
	int c_id, c_name, c_contract;
	struct buf out;
};

static int rename_row(void *ctx, const struct table_row *r,
                      struct fc_error *e)
{
	struct renaming *w = ctx;
	const char *f[TABLE_MAX_COLS];

	if (r->header) {
		w->c_id = table_col(r, "participant");
		w->c_name = table_col(r, "name");
		w->c_contract = table_col(r, "contract");
	}
	for (size_t i = 0; i < r->n && i < TABLE_MAX_COLS; i++)
		f[i] = r->field[i];
	if (!r->header && strcmp(table_get(r, w->c_id), w->id) == 0) {
		if (w->c_name >= 0)
			f[w->c_name] = w->pseudonym;
		if (w->c_contract >= 0)
			f[w->c_contract] = w->pseudonym;
	}
	return table_format_row(&w->out, f, r->n) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int amend_closing_names(const char *dir, const char *id,
                        const char *pseudonym, struct buf *out,
                        struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	struct renaming w = { id, pseudonym, -1, -1, -1, { 0 } };
	int rc;

	if (project_path(dir, PROJECT_CLOSING_CSV, path, sizeof path) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	rc = store_table(path, project_shown(dir, PROJECT_CLOSING_CSV, shown,
	                                     sizeof shown),
	                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, rename_row, &w, e);
	if (rc)
		buf_free(&w.out);
	else
		*out = w.out;
	return rc;
}
