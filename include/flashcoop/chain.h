/*
 * chain: the hash chain of SPEC §5.  The chain of a row is the SHA-256,
 * in lowercase hex, of the chain of the same terminal's previous row in
 * the same file (64 '0' for its first), a newline, and the row as written
 * without its line end, its last field (the chain) and the comma before
 * it.  So `sha256sum` and a shell loop verify a file, and rows of
 * several terminals may interleave (a union merge) without breaking any
 * terminal's chain.  A leaf over OpenSSL.
 */
#ifndef FLASHCOOP_CHAIN_H
#define FLASHCOOP_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#define CHAIN_HEX 65   /* 64 hex digits and a NUL */
#define CHAIN_ZERO "0000000000000000000000000000000000000000000000000000000000000000"

/* A hasher kept for many rows (one context, fetched once). */
struct chain {
	void *ctx, *md;
};

/* 0, or -1 when libcrypto fails (out of memory). */
int chain_begin(struct chain *c);
void chain_end(struct chain *c);

/* The chain of a row: prev (64 hex) then line (len bytes, the row without
 * its chain field).  0, or -1 when libcrypto fails. */
int chain_next(struct chain *c, const char *prev, const char *line,
               size_t len, char out[CHAIN_HEX]);

/* True when s is a chain's form: 64 lowercase hex digits (on every
 * row's path: by hand, not strspn). */
bool chain_valid(const char *s);

/* The bytes a row's chain covers: raw (the row without its line end) up
 * to its last comma, that comma left out; its length, or -1 when the row
 * has no comma. */
long chain_line_len(const char *raw, size_t rawlen);

#endif
