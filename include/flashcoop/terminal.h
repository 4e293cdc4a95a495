/*
 * terminal: the copies of a project that write (SPEC §5).  Each has a
 * short name; terminals.csv (tracked, append-only) lists them with their
 * public key, the first one first: it enrolls and closes the period.
 * Which terminal this copy is lives in .flashcoop/terminal, never in git:
 * it names the terminal and the folder it was declared in (its inode), so
 * that a copy of the folder made elsewhere is not taken for the terminal.
 */
#ifndef FLASHCOOP_TERMINAL_H
#define FLASHCOOP_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/date.h"
#include "flashcoop/error.h"

#define TERMINAL_SIZE 13        /* 1 to 12 characters and a NUL */
#define TERMINAL_DEFAULT "main"
#define TERMINALS_HEADER "terminal,public_key,declared_at"
#define TERMINAL_KEY_HEX 65     /* Ed25519 public key: 64 hex and a NUL */

/* True when s is a terminal's name: 1 to 12 of a-z, 0-9 and '-', the
 * first a letter. */
bool terminal_name_valid(const char *s);

struct terminal_decl {
	char name[TERMINAL_SIZE];
	char public_key[TERMINAL_KEY_HEX];
	char declared_at[DATE_STAMP_SIZE];
	long line;                  /* in terminals.csv */
};

struct terminals {
	struct terminal_decl *v;    /* v[0]: the first terminal */
	size_t n, cap;
	bool present;               /* terminals.csv exists: chained */
};

/* Read dir/terminals.csv, every row checked (a name of the form, once; a
 * public key of 64 hex; the time it was declared): FC_DATAERR naming
 * file:line.  A project without the file is not chained (t->present
 * false, no terminal): 0. */
int terminals_load(const char *dir, struct terminals *t, struct fc_error *e);
void terminals_free(struct terminals *t);
/* The index of a terminal, or -1. */
int terminals_find(const struct terminals *t, const char *name);

/* The line of terminals.csv for a new terminal (with its newline). */
int terminals_line(char *buf, size_t size, const char *name,
                   const char *public_key, const char *declared_at);

/* Which terminal this copy of dir is, from .flashcoop/terminal, into
 * name.  FC_NOINPUT with the one command to run when this copy declared
 * none, or when its declaration was made in another folder (a copy of
 * it); FC_DATAERR when the file is not ours. */
int terminal_here(const char *dir, char name[TERMINAL_SIZE],
                  struct fc_error *e);
/* 1 when this copy holds a declaration that is its own, 0 when none (or
 * one copied from elsewhere), an exit code when it cannot be read. */
int terminal_declared(const char *dir, char name[TERMINAL_SIZE],
                      struct fc_error *e);
/* Declare this copy of dir as terminal name (.flashcoop/terminal written
 * atomically, the folder .flashcoop created 0700). */
int terminal_declare_here(const char *dir, const char *name,
                          struct fc_error *e);

#endif
