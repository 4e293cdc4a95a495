#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "flashcoop/sha256.h"

int sha256_begin(struct sha256 *h)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	h->ctx = ctx;
	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		sha256_drop(h);
		return -1;
	}
	return 0;
}

int sha256_add(struct sha256 *h, const void *data, size_t len)
{
	if (!h->ctx)
		return -1;
	return EVP_DigestUpdate(h->ctx, data, len) == 1 ? 0 : -1;
}

int sha256_end(struct sha256 *h, char hex[SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int rc = h->ctx && EVP_DigestFinal_ex(h->ctx, md, &n) == 1 && n == 32 ?
	         0 : -1;

	for (unsigned int i = 0; !rc && i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	sha256_drop(h);
	return rc;
}

void sha256_drop(struct sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

int sha256_bytes(const void *data, size_t len, char hex[SHA256_HEX])
{
	struct sha256 h;

	if (sha256_begin(&h) < 0)
		return -1;
	if (sha256_add(&h, data ? data : "", len) < 0) {
		sha256_drop(&h);
		return -1;
	}
	return sha256_end(&h, hex);
}

int sha256_is_hex(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}
