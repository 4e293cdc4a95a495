#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "flashcoop/amend.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/sign.h"
#include "flashcoop/sha256.h"
#include "flashcoop/store.h"
#include "flashcoop/terminal.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

/* The files a closing seals, closing.csv last (it is written first);
 * those of a chained project after it (sealed when they exist). */
static const char *const sealed[] = {
	PROJECT_INI, PROJECT_PARTICIPANTS, PROJECT_LEDGER, PROJECT_HOURS,
	PROJECT_CLOSING_CSV, PROJECT_TERMINALS, PROJECT_DAYS, PROJECT_PRODUCTION
};
#define NSEALED (sizeof sealed / sizeof *sealed)
#define NALWAYS 5

/* Does dir hold name? */
static bool exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	return project_path(dir, name, path, sizeof path) == 0 &&
	       lstat(path, &st) == 0;
}

/* Add data to h as git stores it under the eol=lf rule of init's
 * .gitattributes: CR LF read as LF (*cr: a CR at the end of the last
 * chunk, waiting to see what follows). */
static int add_lf(struct sha256 *h, const char *data, size_t len, bool *cr)
{
	size_t from = 0;

	if (*cr && len && data[0] != '\n' && sha256_add(h, "\r", 1) < 0)
		return -1;
	*cr = false;
	for (size_t i = 0; i < len; i++) {
		if (data[i] != '\r')
			continue;
		if (sha256_add(h, data + from, i - from) < 0)
			return -1;
		from = i + 1;
		if (i + 1 == len)
			*cr = true;        /* decided by the next chunk */
		else if (data[i + 1] != '\n' && sha256_add(h, "\r", 1) < 0)
			return -1;
	}
	return sha256_add(h, data + from, len - from);
}

static int finish_lf(struct sha256 *h, bool cr, char hex[SEAL_HEX])
{
	if (cr && sha256_add(h, "\r", 1) < 0) {
		sha256_drop(h);
		return -1;
	}
	return sha256_end(h, hex);
}

int seal_buffer(const char *data, size_t len, char hex[SEAL_HEX],
                struct fc_error *e)
{
	struct sha256 h;
	bool cr = false;

	if (sha256_begin(&h) < 0 || add_lf(&h, data ? data : "", len, &cr) < 0 ||
	    finish_lf(&h, cr, hex) < 0) {
		sha256_drop(&h);
		return fc_fail(e, FC_IOERR, "SHA-256 failed");
	}
	return 0;
}

int seal_file(const char *path, char hex[SEAL_HEX], struct fc_error *e)
{
	char chunk[65536];
	struct sha256 h;
	bool cr = false;
	ssize_t n;
	int fd, rc;

	if ((rc = store_open(path, O_RDONLY, &fd, e)))
		return rc;
	if (sha256_begin(&h) < 0)
		rc = fc_fail(e, FC_IOERR, "SHA-256 unavailable");
	while (!rc && (n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
		else if (add_lf(&h, chunk, (size_t)n, &cr) < 0)
			rc = fc_fail(e, FC_IOERR, "SHA-256 failed");
	}
	if (!rc && finish_lf(&h, cr, hex) < 0)
		rc = fc_fail(e, FC_IOERR, "SHA-256 failed");
	sha256_drop(&h);
	close(fd);
	return rc;
}

/* "key = value" lines as closing.ini writes them (the keys aligned). */
int seal_put(struct buf *b, const char *key, const char *value)
{
	static const char pad[] = "                 ";
	size_t n = strlen(key);
	return buf_puts(b, key) | buf_add(b, pad, n < 17 ? 17 - n : 0) |
	       buf_puts(b, " = ") | buf_puts(b, value) | buf_puts(b, "\n");
}

/* The fixed SHA-256 of participants.csv and closing.csv (amend.h). */
static int fixed_lines(struct buf *b, const char *dir, const char *csv,
                       size_t len, struct fc_error *e)
{
	char hex[SEAL_HEX], path[PATH_MAX], *data = NULL;
	size_t n = 0;
	int rc;

	if (project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	if ((rc = store_slurp(path, &data, &n, e)) ||
	    (rc = amend_fixed(PROJECT_PARTICIPANTS, data, n, hex, e))) {
		free(data);
		return rc;
	}
	free(data);
	if (seal_put(b, PROJECT_PARTICIPANTS AMEND_FIXED_SUFFIX, hex) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if ((rc = amend_fixed(PROJECT_CLOSING_CSV, csv, len, hex, e)))
		return rc;
	return seal_put(b, PROJECT_CLOSING_CSV AMEND_FIXED_SUFFIX, hex) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int seal_section(struct buf *b, const char *dir, const char *closing_csv,
                 size_t len, struct fc_error *e)
{
	char hex[SEAL_HEX], path[PATH_MAX];
	int rc = 0;

	if (buf_puts(b, "\n[seal]\n; SHA-256 of each file at the closing\n") < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	/* The files as they are, closing.csv as it will be. */
	for (size_t i = 0; !rc && i < NSEALED; i++) {
		if (i >= NALWAYS && !exists(dir, sealed[i]))
			continue;
		if (strcmp(sealed[i], PROJECT_CLOSING_CSV) == 0)
			rc = seal_buffer(closing_csv, len, hex, e);
		else if (project_path(dir, sealed[i], path, sizeof path) < 0)
			rc = fc_fail(e, FC_IOERR, "%s: path too long", dir);
		else
			rc = seal_file(path, hex, e);
		if (!rc && seal_put(b, sealed[i], hex) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	if (!rc)
		rc = fixed_lines(b, dir, closing_csv, len, e);
	return rc;
}

/* The value of key in [section] of closing.ini's text (which we wrote:
 * "key = value" lines), copied to out; -1 when absent. */
static int ini_value(const char *text, const char *section, const char *key,
                     char *out, size_t size)
{
	size_t klen = strlen(key), slen = strlen(section);
	bool in = false;

	for (const char *l = text; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 :
	                              l + strlen(l)) {
		size_t n = strcspn(l, "\r\n"), v;
		if (l[0] == '[') {
			in = n == slen + 2 && strncmp(l + 1, section, slen) == 0 &&
			     l[slen + 1] == ']';
			continue;
		}
		if (!in || strncmp(l, key, klen) != 0 ||
		    (l[klen] != ' ' && l[klen] != '='))
			continue;
		v = klen + strspn(l + klen, " ");
		if (l[v] != '=')
			continue;
		v += 1 + strspn(l + v + 1, " ");
		if (n < v || n - v >= size)
			return -1;
		memcpy(out, l + v, n - v);
		out[n - v] = '\0';
		while (n > v && out[n - v - 1] == ' ')
			out[--n - v] = '\0';
		return 0;
	}
	return -1;
}

/* closing.ini's text, read without following a link. */
static int closing_text(const char *dir, char **text, struct fc_error *e)
{
	char path[PATH_MAX];

	if (project_path(dir, PROJECT_CLOSING_INI, path, sizeof path) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	return store_slurp(path, text, NULL, e);
}

int seal_date(const char *dir, int32_t *date)
{
	struct fc_error e;
	char *text, v[DATE_BUFSZ + 8];
	int rc;

	if (closing_text(dir, &text, &e))
		return -1;
	rc = ini_value(text, "closing", "date", v, sizeof v) < 0 ? -1 :
	     date_parse(v, date);
	free(text);
	return rc;
}

int seal_money(const char *dir, const char *key, int64_t *out)
{
	struct fc_error e;
	char *text, v[MONEY_BUFSZ + 8];
	int rc;

	if (closing_text(dir, &text, &e))
		return -1;
	rc = ini_value(text, "closing", key, v, sizeof v) < 0 ? -1 :
	     money_parse(v, out);
	free(text);
	return rc;
}

/* closing.ini of a chained project is signed by the first terminal. */
static int signature_problems(const char *dir, const char *text, seal_fn fn,
                              void *ctx)
{
	static const char mark[] = "\n[signature]\n";
	const char *at = strstr(text, mark);
	char who[TERMINAL_SIZE + 8], sig[SIGN_SIGNATURE_HEX + 8];
	struct terminals t = { 0 };
	struct fc_error fe;
	int problems = 0;

	if (terminals_load(dir, &t, &fe) != 0 || !t.present) {
		if (at)
			fn(ctx, PROJECT_CLOSING_INI, _("signed, but terminals.csv "
			   "cannot be read"));
		terminals_free(&t);
		return at ? 1 : 0;
	}
	if (!at || ini_value(at, "signature", "terminal", who, sizeof who) < 0 ||
	    ini_value(at, "signature", "signature", sig, sizeof sig) < 0) {
		fn(ctx, PROJECT_CLOSING_INI, _("is not signed by the first "
		   "terminal, though the project is chained"));
		problems++;
	} else if (strcmp(who, t.v[0].name) != 0 ||
	           !sign_verify_hex(t.v[0].public_key, text,
	                            (size_t)(at - text) + 1, sig)) {
		fn(ctx, PROJECT_CLOSING_INI, _("its signature is not the first "
		   "terminal's: it was changed after the closing"));
		problems++;
	}
	terminals_free(&t);
	return problems;
}

/* Was file, whose SHA-256 is hex, amended after the closing (amend.h)?
 * Its SHA-256 is the one [amendments] gives, and its fixed one [seal]'s. */
static bool amended(const char *dir, const char *text, const char *file,
                    const char *hex)
{
	char want[SEAL_HEX + 8], key[64], fixed[SEAL_HEX], path[PATH_MAX];
	char *data = NULL;
	size_t n = 0;
	struct fc_error fe;
	bool ok;

	snprintf(key, sizeof key, "%s%s", file, AMEND_FIXED_SUFFIX);
	if (!amend_has_fixed(file) ||
	    ini_value(text, AMEND_SECTION, file, want, sizeof want) < 0 ||
	    strcmp(want, hex) != 0 ||
	    ini_value(text, "seal", key, want, sizeof want) < 0 ||
	    project_path(dir, file, path, sizeof path) < 0 ||
	    store_slurp(path, &data, &n, &fe) != 0)
		return false;
	ok = amend_fixed(file, data, n, fixed, &fe) == 0 &&
	     strcmp(fixed, want) == 0;
	free(data);
	return ok;
}

int seal_verify(const char *dir, seal_fn fn, void *ctx, struct fc_error *e)
{
	char path[PATH_MAX], hex[SEAL_HEX], want[SEAL_HEX + 8], *text;
	struct fc_error fe;
	int problems = 0, rc;

	if ((rc = closing_text(dir, &text, &fe))) {
		if (rc == FC_IOERR && fe.code == FC_IOERR &&
		    strstr(fe.msg, "too long"))
			return fc_fail(e, FC_IOERR, "%s", fe.msg), -1;
		fn(ctx, PROJECT_CLOSING_INI, rc == FC_DATAERR ? fe.msg :
		   _("cannot be read: the seal is broken"));
		return 1;
	}
	for (size_t i = 0; i < NSEALED; i++) {
		if (i >= NALWAYS && !exists(dir, sealed[i]) &&
		    ini_value(text, "seal", sealed[i], want, sizeof want) < 0)
			continue;
		if (ini_value(text, "seal", sealed[i], want, sizeof want) < 0) {
			fn(ctx, PROJECT_CLOSING_INI, _("a sealed file is missing "
			   "from [seal]"));
			problems++;
			continue;
		}
		if (project_path(dir, sealed[i], path, sizeof path) < 0 ||
		    seal_file(path, hex, &fe) != 0) {
			fn(ctx, sealed[i], _("is missing or unreadable, but it was "
			   "sealed at the closing"));
			problems++;
		} else if (strcmp(hex, want) != 0 &&
		           !amended(dir, text, sealed[i], hex)) {
			fn(ctx, sealed[i], _("changed after the closing (its SHA-256 "
			   "differs from closing.ini)"));
			problems++;
		}
	}
	problems += signature_problems(dir, text, fn, ctx);
	free(text);
	return problems;
}

int seal_sign(struct buf *b, const struct sign_key *k, const char *terminal)
{
	char sig[SIGN_SIGNATURE_HEX];

	/* Signed: every byte before the line "[signature]". */
	if (buf_puts(b, "\n") < 0)
		return -1;
	sign_hex(k, b->p, b->len, sig);
	return buf_puts(b, "[signature]\n; the first terminal's Ed25519 "
	                "signature of every byte above this section\n") |
	       seal_put(b, "terminal", terminal) | seal_put(b, "signature", sig);
}
