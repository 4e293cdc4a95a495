/*
 * ini: flashcoop.ini's text, read safely for iniparser 4.1.  Every line is
 * checked before iniparser sees it (control characters, NUL, a line over
 * 1000 bytes, a trailing backslash, a line that is neither a "[section]"
 * nor a "key = value", text rules), each refusal naming its line; a
 * leading byte-order mark is read past; what iniparser would merge
 * without a word is a warning (a section given twice) or an error (two
 * products that differ only by case).  Nothing here writes the INI back.
 */
#ifndef FLASHCOOP_INI_H
#define FLASHCOOP_INI_H

#include <stddef.h>

#include <iniparser.h>

#include "flashcoop/error.h"

/* The longest INI line we accept; iniparser 4.1 fails past 1024 bytes. */
#define INI_LINE_MAX 1000

struct ini {
	dictionary *d;            /* iniparser's reading of the checked text */
	char **warnings;          /* "FILE:LINE: warning: ..." */
	size_t nwarnings, capwarnings;
};

/* Read path (shown in messages).  FC_DATAERR naming the line of the first
 * bad one. */
int ini_read(const char *path, const char *shown, struct ini *ini,
             struct fc_error *e);
void ini_free(struct ini *ini);

/* The 1-based line of key in [section] of an INI file (case-insensitive,
 * as iniparser reads it; key NULL: the section's line), or 0. */
int ini_line_of(const char *path, const char *section, const char *key);

#endif
