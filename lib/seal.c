#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>
#include <openssl/evp.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

/* The files a closing seals, closing.csv last (it is written first). */
static const char *const sealed[] = {
	PROJECT_INI, PROJECT_PARTICIPANTS, PROJECT_LEDGER, PROJECT_HOURS,
	PROJECT_CLOSING_CSV
};
#define NSEALED (sizeof sealed / sizeof *sealed)

int seal_buffer(const char *data, size_t len, char hex[SEAL_HEX],
                struct fc_error *e)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data ? data : "", len, md, &n, EVP_sha256(), NULL) != 1)
		return fc_fail(e, FC_IOERR, "SHA-256 failed");
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

int seal_file(const char *path, char hex[SEAL_HEX], struct fc_error *e)
{
	unsigned char md[EVP_MAX_MD_SIZE], chunk[65536];
	unsigned int len = 0;
	EVP_MD_CTX *ctx;
	FILE *f;
	size_t n;
	int rc = 0;

	if (!(f = fopen(path, "rb")))
		return fc_fail_errno(e, errno == ENOENT ? FC_NOINPUT : FC_IOERR,
		                     "%s: cannot open", path);
	if (!(ctx = EVP_MD_CTX_new()) ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		rc = fc_fail(e, FC_IOERR, "SHA-256 unavailable");
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (EVP_DigestUpdate(ctx, chunk, n) != 1)
			rc = fc_fail(e, FC_IOERR, "SHA-256 failed");
	if (!rc && ferror(f))
		rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", path);
	if (!rc && EVP_DigestFinal_ex(ctx, md, &len) != 1)
		rc = fc_fail(e, FC_IOERR, "SHA-256 failed");
	for (unsigned int i = 0; !rc && i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return rc;
}

int seal_closing_csv(struct buf *b, const struct closing *c)
{
	if (buf_puts(b, CLOSING_HEADER "\n") < 0)
		return -1;
	for (size_t i = 0; i < c->npay; i++) {
		const struct pay_line *l = &c->pay[i];
		char h[MONEY_BUFSZ], s[MONEY_BUFSZ], er[MONEY_BUFSZ],
		     g[MONEY_BUFSZ], ee[MONEY_BUFSZ], n[MONEY_BUFSZ];
		const char *f[] = {
			l->who->id, l->who->name, l->who->contract,
			money_format(l->hours, h), money_format(l->share, s),
			money_format(l->employer, er), money_format(l->gross, g),
			money_format(l->employee, ee), money_format(l->net, n)
		};
		if (table_format_row(b, f, sizeof f / sizeof *f) < 0)
			return -1;
	}
	return 0;
}

static int put(struct buf *b, const char *key, const char *value)
{
	static const char pad[] = "                 ";
	size_t n = strlen(key);
	return buf_puts(b, key) | buf_add(b, pad, n < 17 ? 17 - n : 0) |
	       buf_puts(b, " = ") | buf_puts(b, value) | buf_puts(b, "\n");
}

static int put_money(struct buf *b, const char *key, int64_t v)
{
	char m[MONEY_BUFSZ];
	return put(b, key, money_format(v, m));
}

static int closing_ini(struct buf *b, const struct project *p,
                       const struct closing *c, int32_t date,
                       char hex[NSEALED][SEAL_HEX])
{
	char d[DATE_BUFSZ], r[MONEY_BUFSZ], n[32];
	int bad = 0;

	snprintf(n, sizeof n, "%zu", c->participants);
	bad |= buf_puts(b, "; closing.ini: written by flashcoop-close.  Do not "
	                "edit: flashcoop-check\n; compares every file with its "
	                "SHA-256 below.  See flashcoop-close(1).\n\n[closing]\n");
	bad |= put(b, "project", p->id);
	bad |= put(b, "date", date_format(date, d));
	bad |= put_money(b, "sales_incl_vat", c->sales_incl);
	bad |= put_money(b, "vat_collected", c->vat_collected);
	bad |= put_money(b, "turnover", c->turnover);
	bad |= put_money(b, "charges_incl_vat", c->charges_incl);
	bad |= put_money(b, "vat_deductible", c->vat_deductible);
	bad |= put_money(b, "charges", c->charges);
	bad |= put_money(b, "margin", c->margin);
	bad |= put(b, "cae_base", p->cae_base == CAE_BASE_TURNOVER ?
	           "turnover" : "margin");
	bad |= put(b, "cae_rate", rate_format(p->cae_rate, r));
	bad |= put_money(b, "cae_contribution", c->contribution);
	bad |= put_money(b, "distributable", c->distributable);
	bad |= put(b, "participants", n);
	bad |= put_money(b, "hours", c->hours);
	bad |= buf_puts(b, "\n[seal]\n; SHA-256 of each file at the closing\n");
	for (size_t i = 0; i < NSEALED; i++)
		bad |= put(b, sealed[i], hex[i]);
	return bad ? -1 : 0;
}

int seal_write(const struct project *p, const struct closing *c,
               int32_t date, struct fc_error *e)
{
	char csv_path[PATH_MAX], ini_path[PATH_MAX], hex[NSEALED][SEAL_HEX];
	struct buf csv = { 0 }, ini = { 0 };
	int rc = 0;

	if (seal_closing_csv(&csv, c) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc && (project_path(p->dir, PROJECT_CLOSING_CSV, csv_path,
	                         sizeof csv_path) < 0 ||
	            project_path(p->dir, PROJECT_CLOSING_INI, ini_path,
	                         sizeof ini_path) < 0))
		rc = fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
	/* The files as they are, closing.csv as it will be. */
	for (size_t i = 0; !rc && i < NSEALED; i++) {
		char path[PATH_MAX];
		if (strcmp(sealed[i], PROJECT_CLOSING_CSV) == 0)
			rc = seal_buffer(csv.p, csv.len, hex[i], e);
		else if (project_path(p->dir, sealed[i], path, sizeof path) < 0)
			rc = fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
		else
			rc = seal_file(path, hex[i], e);
	}
	if (!rc && closing_ini(&ini, p, c, date, hex) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	/* Both files or neither: through the journal, like a batch. */
	if (!rc) {
		struct store_change ch[2] = {
			{ csv_path, csv.p, csv.len, 0600 },
			{ ini_path, ini.p, ini.len, 0644 },
		};
		rc = store_commit(p->dir, ch, 2, e);
	}
	buf_free(&csv);
	buf_free(&ini);
	return rc;
}

int seal_date(const char *dir, int32_t *date)
{
	char path[PATH_MAX];
	dictionary *d;
	int rc;

	if (project_path(dir, PROJECT_CLOSING_INI, path, sizeof path) < 0 ||
	    !(d = iniparser_load(path)))
		return -1;
	rc = date_parse(iniparser_getstring(d, "closing:date", ""), date);
	iniparser_freedict(d);
	return rc;
}

int seal_verify(const char *dir, seal_fn fn, void *ctx, struct fc_error *e)
{
	char path[PATH_MAX], key[64], hex[SEAL_HEX];
	dictionary *d;
	int problems = 0;

	if (project_path(dir, PROJECT_CLOSING_INI, path, sizeof path) < 0) {
		fc_fail(e, FC_IOERR, "%s: path too long", dir);
		return -1;
	}
	if (!(d = iniparser_load(path))) {
		fn(ctx, PROJECT_CLOSING_INI, _("cannot be read: the seal is broken"));
		return 1;
	}
	for (size_t i = 0; i < NSEALED; i++) {
		const char *want;
		struct fc_error fe;
		snprintf(key, sizeof key, "seal:%s", sealed[i]);
		want = iniparser_getstring(d, key, NULL);
		if (!want) {
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
		} else if (strcmp(hex, want) != 0) {
			fn(ctx, sealed[i], _("changed after the closing (its SHA-256 "
			   "differs from closing.ini)"));
			problems++;
		}
	}
	iniparser_freedict(d);
	return problems;
}
