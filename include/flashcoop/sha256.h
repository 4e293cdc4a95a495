/*
 * sha256: SHA-256 digests in lowercase hex, through OpenSSL's libcrypto,
 * for the seal, the journal and the chain.  A leaf: it knows nothing of
 * the project.
 */
#ifndef FLASHCOOP_SHA256_H
#define FLASHCOOP_SHA256_H

#include <stddef.h>

#define SHA256_HEX 65   /* 64 hex digits and a NUL */

/* A digest being computed. */
struct sha256 {
	void *ctx;
};

/* 0, or -1 when libcrypto fails (out of memory). */
int sha256_begin(struct sha256 *h);
int sha256_add(struct sha256 *h, const void *data, size_t len);
/* The digest in hex; the state is freed whatever the outcome. */
int sha256_end(struct sha256 *h, char hex[SHA256_HEX]);
/* Free a digest not finished (harmless on one never begun). */
void sha256_drop(struct sha256 *h);

/* The digest of len bytes. */
int sha256_bytes(const void *data, size_t len, char hex[SHA256_HEX]);

/* True when s is 64 lowercase hex digits. */
int sha256_is_hex(const char *s);

#endif
