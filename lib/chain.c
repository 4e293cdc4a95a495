#include <string.h>

#include <openssl/evp.h>

#include "flashcoop/chain.h"

int chain_begin(struct chain *c)
{
	c->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	c->ctx = EVP_MD_CTX_new();
	if (!c->md || !c->ctx) {
		chain_end(c);
		return -1;
	}
	return 0;
}

void chain_end(struct chain *c)
{
	EVP_MD_CTX_free(c->ctx);
	EVP_MD_free(c->md);
	c->ctx = c->md = NULL;
}

int chain_next(struct chain *c, const char *prev, const char *line,
               size_t len, char out[CHAIN_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	/* One context for every row: a row costs its hashing only. */
	if (!c->ctx || EVP_DigestInit_ex2(c->ctx, c->md, NULL) != 1 ||
	    EVP_DigestUpdate(c->ctx, prev, 64) != 1 ||
	    EVP_DigestUpdate(c->ctx, "\n", 1) != 1 ||
	    EVP_DigestUpdate(c->ctx, line, len) != 1 ||
	    EVP_DigestFinal_ex(c->ctx, md, &n) != 1 || n != 32)
		return -1;
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

long chain_line_len(const char *raw, size_t rawlen)
{
	for (size_t i = rawlen; i > 0; i--)
		if (raw[i - 1] == ',')
			return (long)(i - 1);
	return -1;
}

/* 1 for the bytes of lowercase hex: a table, without a branch a byte
 * (digits and letters mixed at random defeat branch prediction). */
static const unsigned char is_hex[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,
	['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1
};

bool chain_valid(const char *s)
{
	unsigned ok = 1;

	if (strnlen(s, CHAIN_HEX) != CHAIN_HEX - 1)
		return false;
	for (int i = 0; i < CHAIN_HEX - 1; i++)
		ok &= is_hex[(unsigned char)s[i]];
	return ok;
}
