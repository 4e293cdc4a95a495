#include <stdio.h>
#include <string.h>

#include "flashcoop/archive.h"
#include "flashcoop/i18n.h"
#include "flashcoop/sha256.h"

#include "archive_internal.h"

/*
 * An archive's MANIFEST (archive.h): one line a member, in sha256sum's
 * format, each member once and in order.
 */


static const char bad_line[] =
	N_("not a line of a SHA-256 in lowercase hex, two spaces and a name");
static const char torn_line[] = N_("the last line has no newline");

/* ---- the MANIFEST ---- */

/* Does member name m equal the n bytes at s? */
static bool same(const char *m, const unsigned char *s, size_t n)
{
	return strlen(m) == n && memcmp(m, s, n) == 0;
}

/* The member named by the n bytes at s (MANIFEST aside), or 0. */
static size_t index_of(const struct archive *a, const unsigned char *s,
                       size_t n)
{
	for (size_t i = 1; i < a->n; i++)
		if (same(a->v[i].name, s, n))
			return i;
	return 0;
}

static bool lower_hex(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return false;
	return true;
}

/* Line k of MANIFEST, from p to its newline nl: member k, its digest. */
static int check_line(const struct archive *a, size_t k,
                      const unsigned char *p, const unsigned char *nl,
                      struct fc_error *e)
{
	const unsigned char *name;
	char hex[SHA256_HEX], show[SHOWN], show2[SHOWN];
	size_t n, j;

	/* 64 hex digits, two spaces, a name of one byte or more. */
	if (nl - p < 64 + 2 + 1 || !lower_hex(p, 64) || p[64] != ' ' ||
	    p[65] != ' ')
		return fc_fail(e, FC_DATAERR, "MANIFEST:%zu: %s", k,
		               gettext(bad_line));
	name = p + 66;
	n = (size_t)(nl - name);
	if (k < a->n && same(a->v[k].name, name, n)) {
		if (sha256_bytes(a->v[k].data, a->v[k].len, hex) < 0)
			return fc_fail(e, FC_IOERR, "SHA-256 failed");
		if (memcmp(hex, p, 64) != 0)
			return fc_fail(e, FC_DATAERR, "%s: its SHA-256 is not the "
			               "one in MANIFEST (line %zu): it changed since "
			               "the archive was written",
			               archive_shown(a->v[k].name, strlen(a->v[k].name),
			                     show), k);
		return 0;
	}
	j = index_of(a, name, n);
	if (j == 0)
		return fc_fail(e, FC_DATAERR, "%s: listed in MANIFEST (line %zu) "
		               "but not in the archive",
		               archive_shown((const char *)name, n, show), k);
	if (j < k)
		return fc_fail(e, FC_DATAERR, "%s: listed twice in MANIFEST "
		               "(line %zu)", archive_shown((const char *)name, n, show), k);
	/* j > k: member k is missing here (or the lines are out of order). */
	return fc_fail(e, FC_DATAERR, "%s: missing from MANIFEST (line %zu "
	               "names %s)", archive_shown(a->v[k].name, strlen(a->v[k].name),
	                                  show2), k,
	               archive_shown((const char *)name, n, show));
}

int archive_verify_manifest(const struct archive *a, struct fc_error *e)
{
	const unsigned char *p, *end, *nl;
	char show[SHOWN];
	size_t k = 0;
	int rc;

	if (a->n == 0 || strcmp(a->v[0].name, ARCHIVE_MANIFEST) != 0)
		return fc_fail(e, FC_DATAERR, "the archive does not begin with "
		               "its MANIFEST");
	p = a->v[0].data;
	end = p + a->v[0].len;
	for (; p < end; p = nl + 1) {
		k++;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return fc_fail(e, FC_DATAERR, "MANIFEST:%zu: %s", k,
			               gettext(torn_line));
		if ((rc = check_line(a, k, p, nl, e)))
			return rc;
	}
	if (k + 1 < a->n)
		return fc_fail(e, FC_DATAERR, "%s: missing from MANIFEST",
		               archive_shown(a->v[k + 1].name, strlen(a->v[k + 1].name),
		                     show));
	return 0;
}
