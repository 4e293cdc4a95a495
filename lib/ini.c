#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "flashcoop/array.h"
#include "flashcoop/buf.h"
#include "flashcoop/i18n.h"
#include "flashcoop/ini.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"

/* ---- finding lines, since iniparser does not say where a key was ---- */


/* The length of the UTF-8 byte-order mark that an editor on Windows may
 * put before the first line, 0 when there is none: it is skipped, and the
 * lines keep their numbers. */
#define UTF8_BOM "\xef\xbb\xbf"
static size_t bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, UTF8_BOM, 3) == 0 ? 3 : 0;
}

/* Line of "[section]" (key NULL) or of "key =" inside [section]; the last
 * one wins, as in iniparser. */
int ini_line_of(const char *path, const char *section, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[4096], cur[1024] = "";
	int n = 0, found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		char *s, *eq;
		n++;
		s = text_trim(line + (n == 1 ? bom(line, strlen(line)) : 0));
		if (*s == '[') {
			char *close = strrchr(s, ']');
			if (!close)
				continue;
			*close = '\0';
			snprintf(cur, sizeof cur, "%s", text_trim(s + 1));
			if (!key && strcasecmp(cur, section) == 0)
				found = n;
			continue;
		}
		if (!key || *s == ';' || *s == '#' || strcasecmp(cur, section))
			continue;
		eq = strchr(s, '=');
		if (!eq)
			continue;
		*eq = '\0';
		if (strcasecmp(text_trim(s), key) == 0)
			found = n;
	}
	fclose(f);
	return found;
}

/* Is the line (l bytes) one iniparser 4.1 reads: blank, a comment, a
 * "[section]", or a key before an '='? */
static bool ini_form(const char *s, size_t l)
{
	while (l && (*s == ' ' || *s == '\t'))
		s++, l--;
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
		l--;
	if (!l || *s == ';' || *s == '#')
		return true;
	if (*s == '[' && s[l - 1] == ']')
		return true;
	return *s != '=' && memchr(s, '=', l) != NULL;
}

/* Lines iniparser would choke on or misread, named before it sees them;
 * the text it is then given keeps every line where it was (so that line
 * numbers hold), without a byte-order mark, and with the comment after a
 * "[section]" cut off, which iniparser 4.1 would read as a key. */
static int prescan(const char *path, const char *shown, struct buf *out,
                   struct fc_error *e)
{
	char *data;
	size_t len, off = 0;
	int rc, n = 0;

	if ((rc = store_slurp(path, &data, &len, e)))
		return rc;
	off = bom(data, len);
	while (off < len && !rc) {
		char *s = data + off, *nl = memchr(s, '\n', len - off);
		size_t l = nl ? (size_t)(nl - s) : len - off, keep;
		const char *why = NULL;

		n++;
		off += l + 1;
		if (l && s[l - 1] == '\r')
			l--;
		keep = l;
		while (keep && (s[keep - 1] == ' ' || s[keep - 1] == '\t'))
			keep--;
		if (memchr(s, '\0', l))
			why = "holds a NUL byte";
		else if (l > INI_LINE_MAX)
			why = "is longer than 1000 bytes";
		else if (keep && s[keep - 1] == '\\')
			why = "ends with '\\', which would join it to the next";
		for (size_t i = 0; !why && i < l; i++)
			if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
			    s[i] == 0x7f)
				why = "holds a control character";
		if (!why) {
			/* Tabs may align a hand-edited file; the rest of a
			 * line is text like any other. */
			char scratch[INI_LINE_MAX + 1];
			memcpy(scratch, s, l);
			scratch[l] = '\0';
			for (char *t = scratch; (t = strchr(t, '\t'));)
				*t = ' ';
			why = text_problem(scratch);
		}
		if (why) {
			rc = fc_fail(e, FC_DATAERR, "%s:%d: the line %s",
			             shown, n, why);
			break;
		}
		{
			/* within this line only: it is not NUL-terminated */
			const char *t = s, *end = s + l, *close, *after;
			while (t < end && (*t == ' ' || *t == '\t'))
				t++;
			close = t < end && *t == '[' ?
			        memchr(t, ']', (size_t)(end - t)) : NULL;
			after = close ? close + 1 : NULL;
			while (after && after < end &&
			       (*after == ' ' || *after == '\t'))
				after++;
			if (after && after < end && (*after == ';' || *after == '#'))
				l = (size_t)(close + 1 - s);
		}
		if (!ini_form(s, l)) {
			rc = fc_fail(e, FC_DATAERR, "%s:%d: not a '[section]' nor a "
			             "'key = value' line", shown, n);
			break;
		}
		if (buf_add(out, s, l) < 0 || buf_add(out, "\n", 1) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	free(data);
	return rc;
}

/* ---- what iniparser merges without a word ---- */

/* The names seen on the lines of the checked text, with their lines. */
struct seen {
	char *name;
	int line;
};

struct seen_list {
	struct seen *v;
	size_t n, cap;
};

struct scan {
	const char *shown;
	struct ini *ini;
	struct seen_list sections, products, accounts;
	char section[INI_LINE_MAX + 1];
	struct fc_error *e;
};

/* s[0..len) without the blanks around it, into out (INI_LINE_MAX + 1). */
static char *trimmed(const char *s, size_t len, char *out)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

static int remember(struct seen_list *l, const char *name, int line,
                    struct fc_error *e)
{
	if (array_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if (!(l->v[l->n].name = strdup(name)))
		return fc_fail(e, FC_IOERR, "out of memory");
	l->v[l->n++].line = line;
	return 0;
}

static void forget(struct seen_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
}

static int ini_warn(struct scan *sc, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A warning for the caller (ini->warnings), as "flashcoop.ini:LINE:
 * warning: ...". */
static int ini_warn(struct scan *sc, int line, const char *fmt, ...)
{
	char msg[1024], full[PATH_MAX + 1200];
	struct ini *ini = sc->ini;
	va_list ap;

	if (array_reserve(&ini->warnings, &ini->capwarnings, ini->nwarnings + 1,
	                  sizeof *ini->warnings) < 0)
		return fc_fail(sc->e, FC_IOERR, "out of memory");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	snprintf(full, sizeof full, _("%s:%d: warning: %s"), sc->shown, line,
	         msg);
	if (!(ini->warnings[ini->nwarnings] = strdup(full)))
		return fc_fail(sc->e, FC_IOERR, "out of memory");
	ini->nwarnings++;
	return 0;
}

/* A "[section]" given again: iniparser joins its keys to the first one's
 * without a word, which is what the administrator may have meant (a key
 * added at the end of the file) or not (a copied block): a warning. */
static int scan_section(struct scan *sc, int line)
{
	size_t times = 0;
	int first = 0, rc = 0;

	for (char *c = sc->section; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < sc->sections.n; i++)
		if (strcmp(sc->sections.v[i].name, sc->section) == 0 &&
		    times++ == 0)
			first = sc->sections.v[i].line;
	if (times == 1)
		rc = ini_warn(sc, line, "[%s] appears a second time (first on "
		              "line %d): its keys join the first", sc->section,
		              first);
	else if (times > 1)
		rc = ini_warn(sc, line, "[%s] appears again (first on line %d): "
		              "its keys join the first", sc->section, first);
	return rc ? rc : remember(&sc->sections, sc->section, line, sc->e);
}

/* A product key of [products]: refused when an earlier one is the same
 * name whatever its case (text_casecmp), which iniparser would merge
 * (Cookie, cookie) or keep apart (Éclair, éclair) while a sale would find
 * either. */
static int scan_product(struct scan *sc, const char *name, int line)
{
	for (size_t i = 0; i < sc->products.n; i++) {
		const struct seen *o = &sc->products.v[i];
		if (text_casecmp(o->name, name))
			continue;
		if (strcmp(o->name, name) == 0)
			return fc_fail(sc->e, FC_DATAERR, "%s:%d: product '%s' "
			               "appears a second time (first on line %d)",
			               sc->shown, line, name, o->line);
		return fc_fail(sc->e, FC_DATAERR, "%s:%d: products '%s' and "
		               "'%s' differ only by case (the first on line %d): "
		               "a sale would not know which", sc->shown, line,
		               o->name, name, o->line);
	}
	return remember(&sc->products, name, line, sc->e);
}

/* A key of [accounts] given twice: iniparser keeps the last, and an
 * account the administrator wrote above would be dropped without a word
 * (init writes every key): refused, naming both lines. */
static int scan_account(struct scan *sc, char *key, int line)
{
	for (char *c = key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < sc->accounts.n; i++)
		if (strcmp(sc->accounts.v[i].name, key) == 0)
			return fc_fail(sc->e, FC_DATAERR, "%s:%d: account '%s' "
			               "appears a second time (first on line %d): "
			               "change the line flashcoop-init wrote rather "
			               "than add one", sc->shown, line, key,
			               sc->accounts.v[i].line);
	return remember(&sc->accounts, key, line, sc->e);
}

/* One line as iniparser will read it: a "[section]" (its name up to the
 * first ']', blanks around it dropped, any case), or a key before the
 * first '=' (blanks dropped), or a comment or a blank line. */
static int scan_line(struct scan *sc, const char *s, size_t len, int line)
{
	char t[INI_LINE_MAX + 1], key[INI_LINE_MAX + 1];
	const char *eq, *close;

	trimmed(s, len, t);
	if (!*t || *t == ';' || *t == '#')
		return 0;
	if (*t == '[') {
		if (!(close = strchr(t, ']')))
			return 0;       /* iniparser refuses the line */
		trimmed(t + 1, (size_t)(close - t - 1), sc->section);
		return scan_section(sc, line);
	}
	if (!(eq = strchr(t, '=')))
		return 0;
	if (strcasecmp(sc->section, "accounts") == 0)
		return scan_account(sc, trimmed(t, (size_t)(eq - t), key), line);
	if (strcasecmp(sc->section, "products"))
		return 0;
	return scan_product(sc, trimmed(t, (size_t)(eq - t), key), line);
}

/* Every line of the checked text (see prescan), in order: what iniparser
 * would merge without a word is an error (products) or a warning in
 * ini->warnings (sections). */
static int scan_text(const struct buf *text, const char *shown,
                     struct ini *ini, struct fc_error *e)
{
	struct scan sc = { shown, ini, { 0 }, { 0 }, { 0 }, "", e };
	size_t off = 0;
	int rc = 0, n = 0;

	while (off < text->len && !rc) {
		const char *s = text->p + off;
		const char *nl = memchr(s, '\n', text->len - off);
		size_t len = nl ? (size_t)(nl - s) : text->len - off;
		off += len + 1;
		rc = scan_line(&sc, s, len, ++n);
	}
	forget(&sc.sections);
	forget(&sc.products);
	forget(&sc.accounts);
	return rc;
}

/* iniparser 4.1 reads only files: give it the checked text through an
 * anonymous file. */
static dictionary *load_text(const struct buf *text)
{
	char path[64];
	dictionary *d;
	int fd = memfd_create("flashcoop.ini", MFD_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (store_write_all(fd, text->p ? text->p : "", text->len) < 0) {
		close(fd);
		return NULL;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	d = iniparser_load(path);
	close(fd);
	return d;
}

/* iniparser prints its complaints on stderr: every line it would
 * complain of was refused before it sees the text (prescan), so what is
 * left to say is only that it failed (out of memory). */
static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int ini_read(const char *path, const char *shown, struct ini *ini,
             struct fc_error *e)
{
	struct buf text = { 0 };
	int rc;

	memset(ini, 0, sizeof *ini);
	if ((rc = prescan(path, shown, &text, e)) ||
	    (rc = scan_text(&text, shown, ini, e))) {
		buf_free(&text);
		ini_free(ini);
		return rc;
	}
	iniparser_set_error_callback(quiet);
	ini->d = load_text(&text);
	buf_free(&text);
	if (!ini->d) {
		ini_free(ini);
		return fc_fail(e, FC_IOERR, "%s: cannot be read as an INI file "
		               "(out of memory?)", shown);
	}
	return 0;
}

void ini_free(struct ini *ini)
{
	if (ini->d)
		iniparser_freedict(ini->d);
	for (size_t i = 0; i < ini->nwarnings; i++)
		free(ini->warnings[i]);
	free(ini->warnings);
	memset(ini, 0, sizeof *ini);
}
