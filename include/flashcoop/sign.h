/*
 * sign: a terminal's Ed25519 key pair, through libsodium, and signatures
 * in lowercase hex (SPEC §5: the daily closings, closing.ini).
 *
 * A terminal's private key lives outside the project folder, in
 * $XDG_CONFIG_HOME/flashcoop/keys/PROJECT-ID/TERMINAL.key ($XDG_CONFIG_HOME
 * defaulting to $HOME/.config), mode 0600, in folders created 0700.  The
 * file is two lines:
 *
 *     flashcoop ed25519 key 1
 *     <the 32-byte seed, 64 lowercase hex digits>
 *
 * and nothing else; the key pair is derived from the seed.  A key file is
 * never replaced, never read through a symbolic link, and refused when
 * others may read it.  A leaf: it knows nothing of the project.
 */
#ifndef FLASHCOOP_SIGN_H
#define FLASHCOOP_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/error.h"

#define SIGN_PUBLIC_HEX 65      /* 64 lowercase hex digits and a NUL */
#define SIGN_SIGNATURE_HEX 129  /* 128 lowercase hex digits and a NUL */
#define SIGN_SEED_BYTES 32

/* A key pair: the secret (seed then public key, libsodium's form) and the
 * public key in hex.  Wipe it with sign_key_wipe() when done. */
struct sign_key {
	unsigned char secret[64];
	char public_hex[SIGN_PUBLIC_HEX];
};

/* The key file's path into buf.  $XDG_CONFIG_HOME is used when it is an
 * absolute path (the XDG spec ignores a relative one), else $HOME/.config
 * when $HOME is absolute; FC_NOINPUT when neither is.  FC_DATAERR when
 * project_id or terminal could leave its folder (empty, ".", "..", or
 * holding a '/'); FC_IOERR when the path does not fit. */
int sign_key_path(const char *project_id, const char *terminal, char *buf,
                  size_t size, struct fc_error *e);

/* A new key pair for the terminal, into k, its file created 0600 (its
 * folders 0700, as needed) through a temp file, fsync and link, so that a
 * killed process leaves no half key.  An existing key file is never
 * replaced: FC_CANTCREAT, naming the path. */
int sign_key_create(const char *project_id, const char *terminal,
                    struct sign_key *k, struct fc_error *e);

/* The terminal's key pair, into k.  FC_NOINPUT, naming the path, when
 * there is none; FC_DATAERR when the file is not a key file of ours, is a
 * symbolic link or not a regular file, or when others may read it (the
 * message gives the chmod 600 that fixes it). */
int sign_key_load(const char *project_id, const char *terminal,
                  struct sign_key *k, struct fc_error *e);

/* The signature of the len bytes at msg, in lowercase hex. */
void sign_hex(const struct sign_key *k, const void *msg, size_t len,
              char sig[SIGN_SIGNATURE_HEX]);

/* True when sig_hex is a signature of msg by public_hex, both of the
 * exact form (64 and 128 lowercase hex digits). */
bool sign_verify_hex(const char *public_hex, const void *msg, size_t len,
                     const char *sig_hex);

/* True when s is a public key's form: 64 lowercase hex digits. */
bool sign_public_valid(const char *s);

/* Zero the secret. */
void sign_key_wipe(struct sign_key *k);

/* For the tests: the key pair of a given seed.  0, or FC_IOERR when
 * libsodium cannot start. */
int sign_key_from_seed(const unsigned char seed[SIGN_SEED_BYTES],
                       struct sign_key *k);

#endif
