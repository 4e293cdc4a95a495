/*
 * text: the checks every text field passes where it enters: valid UTF-8,
 * no control characters, at most TEXT_MAX bytes.
 */
#ifndef FLASHCOOP_TEXT_H
#define FLASHCOOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_MAX 1000

/* NULL when s is acceptable, otherwise why not ("is not valid UTF-8"...). */
const char *text_problem(const char *s);

/* True when s is made of [A-Za-z0-9._-] only, and not empty. */
bool text_is_token(const char *s);

/* A copy of s for a message: quoted-safe, cut to a readable length. */
const char *text_quote(const char *s, char *buf, size_t size);

/* Characters (not bytes) in UTF-8 text, for aligning columns. */
size_t text_width(const char *s);

#endif
