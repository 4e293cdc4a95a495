#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "flashcoop/array.h"
#include "flashcoop/i18n.h"
#include "flashcoop/table.h"

#define CSV_OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* libcsv's parser state before the first byte of a row (csv.c). */
#define ROW_NOT_BEGUN 0

int table_col(const struct table_row *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->col[i], name) == 0)
			return (int)i;
	return -1;
}

/* The state of one read: fields of the row being parsed, the header. */
struct reader {
	const char *name;
	table_fn fn;
	void *ctx;
	int flags;
	struct fc_error *e;
	int status;            /* first error, stops the read */
	long line;             /* physical line being fed */
	long row_line;         /* line the current row started on */
	struct buf fields;     /* fields of the row, NUL-separated */
	struct buf raw;        /* the lines of a row libcsv reads */
	const char *plain;     /* a plain line's bytes, or NULL */
	size_t plainlen;
	size_t offs[TABLE_MAX_COLS];
	size_t n;
	bool too_many;
	char *hdr[TABLE_MAX_COLS];
	size_t nhdr;
	bool have_hdr;
};

/* libcsv trims spaces and tabs around unquoted fields unless told that
 * nothing is a space: keep fields as they are. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	struct buf *b = &r->fields;

	if (r->status)
		return;
	if (r->n == TABLE_MAX_COLS) {
		r->too_many = true;
		return;
	}
	/* The hot path of every read: one reserve, one copy. */
	if (b->len + len + 1 >= b->cap && buf_reserve(b, len + 1) < 0) {
		r->status = fc_fail(r->e, FC_IOERR, "out of memory");
		return;
	}
	r->offs[r->n++] = b->len;
	if (len)
		memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len++] = '\0';
}

static int header_row(struct reader *r, char **f)
{
	for (size_t i = 0; i < r->n; i++) {
		if (f[i][0] == '\0')
			return fc_fail(r->e, FC_DATAERR,
			               "%s:%ld: column %zu of the header has no name",
			               r->name, r->row_line, i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(f[i], f[j]) == 0)
				return fc_fail(r->e, FC_DATAERR,
				               "%s:%ld: column '%s' appears twice in the header",
				               r->name, r->row_line, f[i]);
		r->hdr[i] = strdup(f[i]);
		if (!r->hdr[i])
			return fc_fail(r->e, FC_IOERR, "out of memory");
		r->nhdr++;
	}
	r->have_hdr = true;
	return 0;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	char *f[TABLE_MAX_COLS];
	struct table_row row;

	(void)c;
	if (r->status)
		return;
	if (r->too_many) {
		r->status = fc_fail(r->e, FC_DATAERR,
		                    "%s:%ld: more than %d fields", r->name,
		                    r->row_line, TABLE_MAX_COLS);
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		f[i] = r->fields.p + r->offs[i];
	row.header = !r->have_hdr;
	if (row.header) {
		r->status = header_row(r, f);
		if (r->status)
			return;
	} else if (r->n != r->nhdr && !(r->flags & TABLE_RAGGED)) {
		r->status = fc_fail(r->e, FC_DATAERR,
		                    "%s:%ld: %zu fields where the header has %zu",
		                    r->name, r->row_line, r->n, r->nhdr);
		return;
	}
	row.name = r->name;
	row.line = r->row_line;
	if (r->plain) {
		row.raw = r->plain;
		row.rawlen = r->plainlen;
	} else {
		/* libcsv ends a row at its newline: the last line fed. */
		size_t n = r->raw.len;
		if (n && r->raw.p[n - 1] == '\n')
			n--;
		if (n && r->raw.p[n - 1] == '\r')
			n--;
		row.raw = r->raw.p ? r->raw.p : "";
		row.rawlen = n;
	}
	row.n = r->n;
	row.field = f;
	row.ncols = r->nhdr;
	row.col = r->hdr;
	r->status = r->fn(r->ctx, &row, r->e);
	r->n = 0;
	r->fields.len = 0;
}

/* The git conflict marker that s (len bytes) starts with, or NULL.  A
 * first field that starts so is quoted when written, so that a row we
 * write is always one we read. */
static const char *marker_at(const char *s, size_t len)
{
	static const char *const markers[] = { "<<<<<<<", "=======", ">>>>>>>",
	                                       "|||||||" };
	for (size_t i = 0; len >= 7 && i < 4; i++)
		if (memcmp(s, markers[i], 7) == 0)
			return markers[i];
	return NULL;
}

/* Is s (a whole line, with its newline) one a table may hold?  A NUL
 * would cut a field short; in a project's file, a CR is a Windows line end
 * git would not keep, and a git conflict marker an unfinished merge. */
static int line_problem(struct reader *r, const char *s, size_t len,
                        bool row_start)
{
	const char *cr, *m;

	if (memchr(s, '\0', len))
		return fc_fail(r->e, FC_DATAERR, "%s:%ld: the line holds a NUL "
		               "byte", r->name, r->line);
	if (!(r->flags & TABLE_PROJECT))
		return 0;
	if ((cr = memchr(s, '\r', len)) && cr + 2 == s + len && cr[1] == '\n')
		return fc_fail(r->e, FC_DATAERR, "%s:%ld: the line ends with CR LF "
		               "(a Windows line end), which git would not keep: "
		               "convert the file with: sed -i 's/\\r$//' %s",
		               r->name, r->line, r->name);
	if (cr)
		return fc_fail(r->e, FC_DATAERR, "%s:%ld: the line holds a CR "
		               "(carriage return); remove it: sed -i 's/\\r//g' %s",
		               r->name, r->line, r->name);
	if (row_start && (m = marker_at(s, len)) &&
	    (len == 7 || s[7] == ' ' || s[7] == '\n'))
		return fc_fail(r->e, FC_DATAERR, "%s:%ld: a git conflict "
		               "marker ('%s'): the merge of this file is not "
		               "finished; keep the rows of both sides in id "
		               "order, remove the markers, then run "
		               "flashcoop-check", r->name, r->line, m);
	return 0;
}

/* A whole line with no quote character, no CR and its newline: RFC 4180
 * gives it one reading, its fields split at the commas, so it is split
 * here rather than fed to libcsv byte by byte (most rows of a ledger are
 * such lines; libcsv reads every line that holds a quote).  A blank line
 * is skipped, as libcsv skips it.  False when the line is not plain. */
static bool plain_line(struct reader *r, char *s, size_t len)
{
	char *end = s + len - 1, *f = s, *comma;

	if (len == 0 || *end != '\n')
		return false;
	if (end == s)
		return true;
	/* One pass: fields are short, a byte loop beats a memchr call per
	 * field; a quote or a CR sends the line to libcsv, the fields split
	 * so far dropped. */
	for (comma = f; comma < end; comma++) {
		if (*comma == '"' || *comma == '\r') {
			r->n = 0;
			r->fields.len = 0;
			r->too_many = false;
			return false;
		}
		if (*comma == ',') {
			on_field(f, (size_t)(comma - f), r);
			f = comma + 1;
		}
	}
	on_field(f, (size_t)(end - f), r);
	r->plain = s;
	r->plainlen = (size_t)(end - s);
	on_row(0, r);
	r->plain = NULL;
	return true;
}

static const char malformed[] =
	N_("malformed CSV (a stray or unclosed quote?)");

int table_read_stream(FILE *f, const char *name, int flags, table_fn fn,
                      void *ctx, struct fc_error *e)
{
	struct csv_parser p;
	struct reader r = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool last_nl = true;

	r.name = name;
	r.flags = flags;
	r.fn = fn;
	r.ctx = ctx;
	r.e = e;
	if (csv_init(&p, CSV_OPTS) != 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	/* Keep spaces as they are: a stray space is for the checks to name. */
	csv_set_space_func(&p, no_space);
	while (!r.status && (len = getline(&line, &cap, f)) > 0) {
		char *s = line;
		r.line++;
		if (p.pstate == ROW_NOT_BEGUN)
			r.row_line = r.line;
		last_nl = line[len - 1] == '\n';
		/* A UTF-8 BOM (a spreadsheet's export) is not part of the header. */
		if (r.line == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		if ((r.status = line_problem(&r, s, (size_t)len,
		                             p.pstate == ROW_NOT_BEGUN)))
			break;
		if (p.pstate == ROW_NOT_BEGUN && plain_line(&r, s, (size_t)len))
			continue;
		if (p.pstate == ROW_NOT_BEGUN)
			r.raw.len = 0;
		if (buf_add(&r.raw, s, (size_t)len) < 0) {
			r.status = fc_fail(e, FC_IOERR, "out of memory");
			break;
		}
		if (csv_parse(&p, s, (size_t)len, on_field, on_row, &r) !=
		    (size_t)len && !r.status)
			r.status = fc_fail(e, FC_DATAERR, "%s:%ld: %s", name,
			                   r.row_line,
			                   csv_error(&p) == CSV_EPARSE
			                   ? gettext(malformed)
			                   : csv_strerror(csv_error(&p)));
	}
	/* getline fails without the error flag when memory runs out: only
	 * the end of the file ends a read. */
	if (!r.status && (ferror(f) || !feof(f)))
		r.status = fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
	if (!r.status && !last_nl && (flags & TABLE_FINAL_NEWLINE))
		r.status = fc_fail(e, FC_DATAERR,
		                   "%s:%ld: the last line has no newline: a write "
		                   "was cut short; check that line, then end it "
		                   "with a newline or remove it",
		                   name, r.line);
	if (!r.status && csv_fini(&p, on_field, on_row, &r) != 0 && !r.status)
		r.status = fc_fail(e, FC_DATAERR,
		                   "%s:%ld: a quoted field is not closed", name,
		                   r.row_line);
	if (!r.status && !r.have_hdr)
		r.status = fc_fail(e, FC_DATAERR, "%s: no header row", name);
	csv_free(&p);
	free(line);
	buf_free(&r.fields);
	buf_free(&r.raw);
	for (size_t i = 0; i < r.nhdr; i++)
		free(r.hdr[i]);
	return r.status;
}

int table_read_fd(int fd, const char *name, int flags, table_fn fn,
                  void *ctx, struct fc_error *e)
{
	FILE *f = fdopen(fd, "r");
	int rc;

	if (!f) {
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
		close(fd);
		return rc;
	}
	rc = table_read_stream(f, name, flags, fn, ctx, e);
	fclose(f);
	return rc;
}

/* One line, parsed on its own: for reading a ledger from its tail. */
struct split {
	char **fields;
	size_t max, n;
	char *buf;
	size_t size, used;
	bool bad;
};

static void split_field(void *s, size_t len, void *data)
{
	struct split *sp = data;
	if (sp->n == sp->max || sp->used + len + 1 > sp->size) {
		sp->bad = true;
		return;
	}
	memcpy(sp->buf + sp->used, s ? s : "", s ? len : 0);
	sp->fields[sp->n++] = sp->buf + sp->used;
	sp->used += len;
	sp->buf[sp->used++] = '\0';
}

static void split_row(int c, void *data)
{
	(void)c;
	(void)data;
}

int table_split_line(const char *line, size_t len, char **fields, size_t max,
                     char *buf, size_t bufsize)
{
	struct csv_parser p;
	struct split sp = { fields, max, 0, buf, bufsize, 0, false };
	int rc = 0;

	if (csv_init(&p, CSV_OPTS) != 0)
		return -1;
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, line, len, split_field, split_row, &sp) != len)
		rc = -1;
	if (csv_fini(&p, split_field, split_row, &sp) != 0)
		rc = -1;
	csv_free(&p);
	return rc < 0 || sp.bad ? -1 : (int)sp.n;
}

/* A field needs quotes when a reader could take it otherwise; its length
 * is found on the way (strcspn stops at the first special byte). */
/* The bytes that make a field quoted (and the NUL that ends it). */
static const unsigned char special[256] = {
	[0] = 1, [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1
};

static bool needs_quotes(const char *s, size_t *len)
{
	size_t n = 0;

	/* Fields are short: a table beats strcspn's set up for each. */
	while (!special[(unsigned char)s[n]])
		n++;
	if (s[n]) {
		*len = n + strlen(s + n);
		return true;
	}
	*len = n;
	return n && (s[0] == ' ' || s[n - 1] == ' ');
}

int table_format_row(struct buf *b, const char *const *fields, size_t n)
{
	size_t len[TABLE_MAX_COLS], room = n + 1;
	bool quote[TABLE_MAX_COLS];
	char *o;

	/* One empty field alone would make a blank line, which readers skip:
	 * it is written quoted. */
	if (n == 1 && (!fields[0] || !*fields[0]))
		return buf_puts(b, "\"\"\n");
	if (n > TABLE_MAX_COLS)
		return -1;
	/* Measure, reserve once, then write: a batch writes millions. */
	for (size_t i = 0; i < n; i++) {
		quote[i] = needs_quotes(fields[i] ? fields[i] : "", &len[i]) ||
		           (i == 0 && fields[i] && marker_at(fields[i], len[i]));
		if (len[i] > SIZE_MAX / 4)
			return -1;
		room += quote[i] ? 2 * len[i] + 2 : len[i];
	}
	if (buf_reserve(b, room) < 0)
		return -1;
	o = b->p + b->len;
	for (size_t i = 0; i < n; i++) {
		const char *f = fields[i] ? fields[i] : "";
		if (i)
			*o++ = ',';
		if (!quote[i]) {
			memcpy(o, f, len[i]);
			o += len[i];
		} else {
			/* libcsv quotes it and doubles its quotes. */
			o += csv_write(o, 2 * len[i] + 2, f, len[i]);
		}
	}
	*o++ = '\n';
	*o = '\0';
	b->len = (size_t)(o - b->p);
	return 0;
}

/* ---- a file's first and last lines, without reading it all ---- */

/* Count the lines of a file, for a message about its last one. */
static long count_lines(int fd)
{
	char chunk[65536];
	ssize_t n;
	long lines = 1;
	off_t off = 0;

	while ((n = pread(fd, chunk, sizeof chunk, off)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			lines += chunk[i] == '\n';
		off += n;
	}
	return lines;
}

int table_header(int fd, const char *name, table_fn fn, void *ctx,
                 struct fc_error *e)
{
	char chunk[65536], hbuf[sizeof chunk], *fields[TABLE_MAX_COLS], *nl, *h;
	ssize_t n = pread(fd, chunk, sizeof chunk - 1, 0);
	struct table_row row = { 0 };
	int nf;

	if (n < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
	chunk[n] = '\0';
	h = n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0 ? chunk + 3 : chunk;
	if (!(nl = memchr(h, '\n', (size_t)(chunk + n - h))))
		return fc_fail(e, FC_DATAERR, "%s:1: no header line", name);
	nf = table_split_line(h, (size_t)(nl - h), fields, TABLE_MAX_COLS, hbuf,
	                      sizeof hbuf);
	if (nf < 0)
		return fc_fail(e, FC_DATAERR, "%s:1: the header is not a CSV line",
		               name);
	row.name = name;
	row.line = 1;
	row.header = true;
	row.n = row.ncols = (size_t)nf;
	row.field = row.col = fields;
	return fn(ctx, &row, e);
}

/* The line win[from..to) (its newline left out) to fn, split: 1 when fn
 * found what it looked for, 0 to go on, or an exit code. */
static int back_line(const char *win, size_t from, size_t to,
                     table_back_fn fn, void *ctx, struct fc_error *e)
{
	char *fields[TABLE_MAX_COLS], *fbuf;
	size_t len = to - from;
	int nf, rc;

	if (len && win[to - 1] == '\r')
		len--;
	if (!len)
		return 0;
	if (!(fbuf = malloc(len + 1)))
		return fc_fail(e, FC_IOERR, "out of memory");
	nf = table_split_line(win + from, len, fields, TABLE_MAX_COLS, fbuf,
	                      len + 1);
	rc = nf < 0 ? 0 : fn(ctx, (const char *const *)fields, (size_t)nf);
	free(fbuf);
	return rc;
}

int table_read_back(int fd, const char *name, table_back_fn fn, void *ctx,
                    struct fc_error *e)
{
	struct stat st;
	struct buf acc = { 0 };   /* the start of a line cut by the window */
	char *win = NULL;
	size_t wcap = 0;
	off_t pos;
	int rc = 0;
	char last;

	if (fstat(fd, &st) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", name);
	if (pread(fd, &last, 1, st.st_size - 1) != 1)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
	if (last != '\n')
		return fc_fail(e, FC_DATAERR, "%s:%ld: the last line has no "
		               "newline: a write was cut short; check that "
		               "line, then end it with a newline or remove it",
		               name, count_lines(fd));
	pos = st.st_size - 1; /* the final newline ends the last line */
	while (pos > 0 && !rc) {
		size_t want = pos > 65536 ? 65536 : (size_t)pos;
		size_t len = want + acc.len, end = len;

		if (array_reserve(&win, &wcap, len + 1, 1) < 0) {
			rc = fc_fail(e, FC_IOERR, "out of memory");
			break;
		}
		if (pread(fd, win, want, pos - (off_t)want) != (ssize_t)want) {
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
			break;
		}
		if (acc.len)
			memcpy(win + want, acc.p, acc.len);
		pos -= (off_t)want;
		/* Complete lines: those with a newline before them. */
		for (size_t i = len; !rc && i-- > 0;) {
			if (win[i] != '\n')
				continue;
			rc = back_line(win, i + 1, end, fn, ctx, e);
			end = i;
		}
		/* What is left, win[0..end), starts before the window, unless
		 * the window reached the file's start: then it is the header. */
		acc.len = 0;
		if (!rc && pos > 0 && buf_add(&acc, win, end) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	free(win);
	buf_free(&acc);
	return rc < 0 ? fc_fail(e, FC_IOERR, "out of memory") : rc == 1 ? 0 : rc;
}
