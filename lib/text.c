#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/i18n.h"
#include "flashcoop/text.h"

/* Length of the UTF-8 sequence at s, or 0 when it is not valid (overlong
 * forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;
		if (c == 0xed && s[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* True for the bidirectional embeddings, overrides and isolates, U+202A
 * to U+202E and U+2066 to U+2069 (E2 80 AA..AE, E2 81 A6..A9), which
 * reorder what a reader sees ("Trojan Source"). */
static bool is_bidi(const unsigned char *p)
{
	return p[0] == 0xe2 &&
	       ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
	        (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
}

const char *text_problem(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p) {
		if (p - (const unsigned char *)s >= TEXT_MAX)
			return strlen(s) > TEXT_MAX ?
			       _("is longer than 1000 bytes") : NULL;
		if (*p >= 0x20 && *p < 0x7f) {
			p++;       /* plain ASCII, most text: no decoding */
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			return _("holds a control character (a line break or a tab?)");
		n = utf8_len(p);
		if (n == 0)
			return _("is not valid UTF-8");
		/* C1 controls, U+0080 to U+009F. */
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return _("holds a control character");
		if (n == 3 && is_bidi(p))
			return _("holds a bidirectional control character (U+202A "
			         "to U+202E, U+2066 to U+2069)");
		p += n;
	}
	return NULL;
}

bool text_is_token(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

const char *text_quote(const char *s, char *buf, size_t size)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;

	for (; *p && o + 8 < size && (o < 60 || (*p & 0xc0) == 0x80); p++) {
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *p);
		else
			buf[o++] = (char)*p;
	}
	/* Cut by the size inside a UTF-8 sequence: leave out its first bytes
	 * too, so that the copy stays valid UTF-8. */
	if ((*p & 0xc0) == 0x80) {
		while (o > 0 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
			o--;
		if (o > 0 && (unsigned char)buf[o - 1] >= 0xc0)
			o--;
	}
	if (*p)
		o += (size_t)snprintf(buf + o, size - o, "...");
	buf[o < size ? o : size - 1] = '\0';
	return buf;
}

size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The length of the first n bytes of s cut to whole UTF-8 characters. */
static size_t whole_chars(const char *s, size_t n)
{
	size_t k = n;
	if (((unsigned char)s[n] & 0xc0) != 0x80)
		return n;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--;
	return k > 0 ? k - 1 : 0;
}

const char *text_cell(const char *v, char *buf, size_t size)
{
	size_t n;

	if (!*v || !strchr("=+-@\t\r", *v))
		return v;
	if (size < 2) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	n = strlen(v);
	if (n > size - 2)
		n = whole_chars(v, size - 2);
	memmove(buf + 1, v, n);
	buf[0] = '\'';
	buf[n + 1] = '\0';
	return buf;
}

/* The code point at *p, which moves past it.  A byte that starts no
 * valid sequence stands for itself past the last code point, so that it
 * never equals a character. */
static uint32_t next_char(const unsigned char **p)
{
	const unsigned char *s = *p;
	size_t n = utf8_len(s);
	uint32_t c;

	if (n == 0) {
		(*p)++;
		return 0x110000u + s[0];
	}
	*p += n;
	if (n == 1)
		return s[0];
	c = s[0] & (0xffu >> (n + 1));
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (s[i] & 0x3fu);
	return c;
}

/* Latin Extended-A, U+0100 to U+017F: capital and small letters in pairs,
 * the capital even then odd; I with a dot, the dotless i, kra and the n
 * after an apostrophe have no pair. */
static uint32_t fold_latin_a(uint32_t c)
{
	if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149)
		return c;
	if (c == 0x178)
		return 0xff;            /* Ÿ, whose ÿ is in Latin-1 */
	if (c == 0x17f)
		return 's';             /* the long s */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return c % 2 ? c + 1 : c;
	return c % 2 ? c : c + 1;
}

/* Greek, U+0370 to U+03FF: the capitals, with and without tonos, and the
 * final sigma. */
static uint32_t fold_greek(uint32_t c)
{
	if (c == 0x386)
		return 0x3ac;
	if (c >= 0x388 && c <= 0x38a)
		return c + 37;
	if (c == 0x38c)
		return 0x3cc;
	if (c == 0x38e || c == 0x38f)
		return c + 63;
	if ((c >= 0x391 && c <= 0x3a1) || (c >= 0x3a3 && c <= 0x3ab))
		return c + 32;
	return c == 0x3c2 ? 0x3c3 : c;
}

/* The simple case folding of Unicode (CaseFolding.txt, status C and S) for
 * Basic Latin, Latin-1, Latin Extended-A, Greek and basic Cyrillic; any
 * other character is itself. */
static uint32_t fold(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c < 0x100) {
		if (c == 0xb5)
			return 0x3bc;   /* the micro sign is a mu */
		return c >= 0xc0 && c <= 0xde && c != 0xd7 ? c + 32 : c;
	}
	if (c < 0x180)
		return fold_latin_a(c);
	if (c >= 0x370 && c < 0x400)
		return fold_greek(c);
	if (c >= 0x400 && c < 0x410)
		return c + 80;
	if (c >= 0x410 && c < 0x430)
		return c + 32;
	return c;
}

int text_casecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *q) {
		uint32_t x = fold(next_char(&p)), y = fold(next_char(&q));
		if (x != y)
			return x < y ? -1 : 1;
	}
	return (*p != 0) - (*q != 0);
}

/* One character of s for a message, into piece, and the bytes it takes
 * in s: a control character, a bidirectional control or a byte that is
 * not UTF-8 as an escape, anything else as it is. */
static size_t escape_one(const unsigned char *p, char piece[8])
{
	size_t n = utf8_len(p);
	static const char named[] = { '\n', 'n', '\t', 't', '\r', 'r' };

	for (size_t i = 0; n == 1 && i < sizeof named; i += 2)
		if (*p == named[i]) {
			snprintf(piece, 8, "\\%c", named[i + 1]);
			return 1;
		}
	if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f)))
		snprintf(piece, 8, "\\x%02x", *p);
	else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
		snprintf(piece, 8, "\\u%04x", p[1]);
	else if (n == 3 && is_bidi(p))
		snprintf(piece, 8, "\\u%04x", ((p[0] & 0x0fu) << 12) |
		         ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu));
	else {
		memcpy(piece, p, n);
		piece[n] = '\0';
	}
	return n ? n : 1;
}

const char *text_escape(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	char piece[8];
	size_t total = 0, o = 0, k;

	if (size == 0)
		return buf;
	for (const unsigned char *q = p; *q; total += strlen(piece))
		q += escape_one(q, piece);
	/* Whole, or cut before the piece that leaves no room for "...". */
	while (*p) {
		size_t n = escape_one(p, piece);
		k = strlen(piece);
		if (total >= size && o + k + 4 > size)
			break;
		memcpy(buf + o, piece, k);
		o += k;
		p += n;
	}
	if (*p && o + 4 <= size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

char *text_trim(char *s)
{
	char *end;
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	                   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}
