/*
 * text: the checks every text field passes where it enters: valid UTF-8,
 * no control characters, at most TEXT_MAX bytes; and text on its way out
 * to a person: a cell a spreadsheet cannot take for a formula.
 */
#ifndef FLASHCOOP_TEXT_H
#define FLASHCOOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_MAX 1000
/* A buffer for text_cell() that holds any checked text with its quote. */
#define TEXT_CELL_SIZE (TEXT_MAX + 2)

/* NULL when s is acceptable, otherwise why not ("is not valid UTF-8"...):
 * control characters, C1 ones included, and the bidirectional overrides
 * and isolates (U+202A to U+202E, U+2066 to U+2069) are refused. */
const char *text_problem(const char *s);

/* s without the blanks (and a line end) around it: the end cut in place,
 * the start returned. */
char *text_trim(char *s);

/* True when s is made of [A-Za-z0-9._-] only, and not empty. */
bool text_is_token(const char *s);

/* The size of a buffer for text_quote(): a value cut for a message. */
#define TEXT_QUOTE_SIZE 80

/* A copy of s for a message: quoted-safe, cut to a readable length. */
const char *text_quote(const char *s, char *buf, size_t size);

/* A copy of s for a message, whole (unlike text_quote): a line break, a
 * tab and a carriage return as \n, \t and \r, other control characters
 * and bytes that are not UTF-8 as \xHH, the C1 and bidirectional controls
 * as \uHHHH, so that a folder's name cannot split or reorder a line.  Cut
 * with "..." only when buf is too small.  Returns buf. */
const char *text_escape(const char *s, char *buf, size_t size);

/* A text cell of a file meant for a person (CSV, FEC, a journal): v as it
 * is, or, when it begins with '=', '+', '-', '@', a tab or a carriage
 * return (a formula to a spreadsheet), v after a "'" in buf, which may be
 * v itself; cut to whole characters when buf is too small.  Numbers are
 * written without it: only text cells go through here. */
const char *text_cell(const char *v, char *buf, size_t size);

/* Compare UTF-8 text whatever its case, like strcasecmp(3) but beyond
 * ASCII: Latin-1 (É and é), Latin Extended-A (Œ and œ, Ÿ and ÿ), Greek and
 * basic Cyrillic fold to their small letters, any other character is
 * compared as it is.  Less than, equal to or more than 0, by code point. */
int text_casecmp(const char *a, const char *b);

/* Characters (not bytes) in UTF-8 text, for aligning columns. */
size_t text_width(const char *s);

#endif
