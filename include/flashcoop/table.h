/*
 * table: CSV files read by header name and written one quoted row at a
 * time, over libcsv (RFC 4180: comma, quote characters, one header row).
 *
 * Reading streams: table_read() calls back once per row with the fields and
 * the line the row starts on, so memory does not grow with the file.  A UTF-8
 * BOM before the header is read; CRLF line ends are accepted, except in a
 * project's own files (TABLE_PROJECT); a row whose field
 * count differs from the header's is an error naming its line.
 */
#ifndef FLASHCOOP_TABLE_H
#define FLASHCOOP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flashcoop/buf.h"
#include "flashcoop/error.h"

#define TABLE_MAX_COLS 64

struct table_row {
	const char *name;        /* file name for messages */
	long line;               /* line the row starts on */
	bool header;             /* the header row */
	size_t n;                /* number of fields */
	char **field;            /* NUL-terminated fields */
	size_t ncols;            /* header */
	char **col;
	/* The row's bytes as they are in the file, without its line end (a
	 * quoted field's line breaks included): what the chain hashes. */
	const char *raw;
	size_t rawlen;
};

/* Index of the column named name in the header, or -1. */
int table_col(const struct table_row *r, const char *name);
/* The field of column index c, or "" when c < 0 (inline: a ledger's
 * every field goes through it). */
static inline const char *table_get(const struct table_row *r, int c)
{
	if (c < 0 || (size_t)c >= r->n)
		return "";
	return r->field[c];
}

enum {
	TABLE_FINAL_NEWLINE = 1, /* a last line without its newline is an error */
	TABLE_RAGGED = 2,        /* rows of another width reach the callback
	                            (r->n != r->ncols) instead of stopping */
	TABLE_PROJECT = 4,       /* a project's own file: LF line ends only
	                            (a CR is refused), and a line that starts
	                            with a git conflict marker is refused */
};

/* Called with the header row first (r->header), then each
 * data row.  A non-zero return stops the read and is returned. */
typedef int (*table_fn)(void *ctx, const struct table_row *r,
                        struct fc_error *e);

/* Read an open file (name is used in messages); fd is closed.  0 or an
 * exit code.  A line holding a NUL byte is refused, whatever the flags. */
int table_read_fd(int fd, const char *name, int flags, table_fn fn,
                  void *ctx, struct fc_error *e);
/* Same over an open stream (stdin for a batch). */
int table_read_stream(FILE *f, const char *name, int flags, table_fn fn,
                      void *ctx, struct fc_error *e);

/* The header row of an open file (a BOM before it read past) to fn. */
int table_header(int fd, const char *name, table_fn fn, void *ctx,
                 struct fc_error *e);

/* Called with the fields of each line from the last to the second (the
 * header is not given): 1 stops the read (found), 0 goes on, a negative
 * value is out of memory, an exit code stops it with that code. */
typedef int (*table_back_fn)(void *ctx, const char *const *fields, size_t n);

/* Read an open file's lines from its end, without reading it whole (the
 * next id comes from the tail of a ledger).  A last line without its
 * newline is refused, naming its line.  0 when fn found what it looked
 * for or the lines ran out. */
int table_read_back(int fd, const char *name, table_back_fn fn, void *ctx,
                    struct fc_error *e);

/* Parse one line of text (no newline) into at most max fields; returns the
 * number of fields or -1.  fields point into buf, which must hold len + 1. */
int table_split_line(const char *line, size_t len, char **fields, size_t max,
                     char *buf, size_t bufsize);

/* Append one CSV row (fields quoted only where needed) and "\n" to b. */
int table_format_row(struct buf *b, const char *const *fields, size_t n);

#endif
