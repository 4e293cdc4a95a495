#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "flashcoop/accounts.h"
#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/ini.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"


const char *project_dir(const char *opt_dir)
{
	const char *env;
	if (opt_dir && *opt_dir)
		return opt_dir;
	env = getenv("FLASHCOOP_DIR");
	if (env && *env)
		return env;
	return ".";
}

const char *project_shown(const char *dir, const char *file, char *buf,
                          size_t size)
{
	size_t n = strlen(dir), room = strlen(file) + 2, o;

	if (strcmp(dir, ".") == 0 || n == 0) {
		snprintf(buf, size, "%s", file);
		return buf;
	}
	/* The folder escaped (a line break in its name would split a
	 * FILE:LINE: message), leaving room for the file's name. */
	text_escape(dir, buf, size > room ? size - room : size);
	o = strlen(buf);
	snprintf(buf + o, size - o, "%s%s", dir[n - 1] == '/' ? "" : "/", file);
	return buf;
}

int project_path(const char *dir, const char *file, char *buf, size_t size)
{
	return store_join(buf, size, dir, file);
}

bool project_closed(const char *dir)
{
	char path[PATH_MAX];
	struct stat st;
	if (project_path(dir, PROJECT_CLOSING_INI, path, sizeof path) < 0)
		return false;
	return stat(path, &st) == 0;
}

bool project_owns(const char *path)
{
	char dir[PATH_MAX], ini[PATH_MAX];
	const char *base = layout_base(path);
	struct stat st;
	int n = (int)(base - path);

	if (!layout_find(base) && strcmp(base, PROJECT_LOCK) != 0 &&
	    strcmp(base, PROJECT_COMMIT) != 0)
		return false;
	snprintf(dir, sizeof dir, "%.*s", n ? n : 1, n ? path : ".");
	return project_path(dir, PROJECT_INI, ini, sizeof ini) == 0 &&
	       stat(ini, &st) == 0;
}

int project_check_open(const char *dir, struct fc_error *e)
{
	char q[1024];
	if (project_closed(dir))
		return fc_fail(e, FC_CLOSED, "%s%sthe project is closed: "
		               "closing.ini seals its books, which are not "
		               "written to any more",
		               strcmp(dir, ".") ? text_escape(dir, q, sizeof q) : "",
		               strcmp(dir, ".") ? ": " : "");
	return 0;
}

const struct product *project_product(const struct project *p,
                                      const char *name)
{
	/* A ledger row names its product as the catalogue spells it: the
	 * exact name first, then any case (every row looks its product up). */
	for (size_t i = 0; i < p->nproducts; i++)
		if (p->products[i].name[0] == name[0] &&
		    strcmp(p->products[i].name, name) == 0)
			return &p->products[i];
	for (size_t i = 0; i < p->nproducts; i++)
		if (text_casecmp(p->products[i].name, name) == 0)
			return &p->products[i];
	return NULL;
}

/* ---- loading ---- */

struct loader {
	const char *path;
	const char *shown;          /* its name in messages */
	dictionary *d;
	struct project *p;
	struct fc_error *e;
};

static int bad(struct loader *l, const char *section, const char *key,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(struct loader *l, const char *section, const char *key,
               const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int line = ini_line_of(l->path, section, key);

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	if (line)
		return fc_fail(l->e, FC_DATAERR, "%s:%d: %s", l->shown, line,
		               msg);
	return fc_fail(l->e, FC_DATAERR, "%s: %s", l->shown, msg);
}

/* The value of section:key, or NULL when absent.  A NULL value in the
 * dictionary is a section: it was refused before we get here. */
static const char *get(struct loader *l, const char *section, const char *key)
{
	char k[256];
	snprintf(k, sizeof k, "%s:%s", section, key);
	return iniparser_getstring(l->d, k, NULL);
}

static int get_text(struct loader *l, const char *section, const char *key,
                    bool required, const char *def, char **out)
{
	const char *v = get(l, section, key);
	const char *why;

	if (!v || !*v) {
		if (required)
			return bad(l, section, key, "[%s] %s is missing or empty; "
			           "it is required", section, key);
		v = def;
	}
	if ((why = text_problem(v)))
		return bad(l, section, key, "%s %s", key, why);
	*out = strdup(v);
	return *out ? 0 : fc_fail(l->e, FC_IOERR, "out of memory");
}

static int get_date(struct loader *l, const char *key, int32_t *out)
{
	const char *v = get(l, "flashcoop", key);
	char q[TEXT_QUOTE_SIZE];
	if (!v || !*v)
		return bad(l, "flashcoop", key, "[flashcoop] %s is missing; it is "
		           "required (YYYY-MM-DD)", key);
	if (date_parse(v, out) < 0)
		return bad(l, "flashcoop", key, "%s '%s' is not a date "
		           "(YYYY-MM-DD)", key, text_quote(v, q, sizeof q));
	return 0;
}

static int get_rate(struct loader *l, const char *key, int32_t def,
                    int32_t *out)
{
	const char *v = get(l, "money", key);
	char q[TEXT_QUOTE_SIZE];
	*out = def;
	if (!v)
		return 0;
	if (money_rate_parse(v, out) < 0)
		return bad(l, "money", key, "%s '%s' is not a rate: a percent "
		           "from 0 to 100 with at most two decimals", key,
		           text_quote(v, q, sizeof q));
	return 0;
}

static int get_choice(struct loader *l, const char *key, const char *a,
                      const char *b, int def, int *out)
{
	const char *v = get(l, "money", key);
	char q[TEXT_QUOTE_SIZE];
	*out = def;
	if (!v)
		return 0;
	if (strcasecmp(v, a) == 0)
		*out = 0;
	else if (strcasecmp(v, b) == 0)
		*out = 1;
	else
		return bad(l, "money", key, "%s '%s' is neither %s nor %s", key,
		           text_quote(v, q, sizeof q), a, b);
	return 0;
}

static int load_product(struct loader *l, const char *name, const char *v)
{
	struct product *pr = &l->p->products[l->p->nproducts];
	char price[128], rate_buf[128], q[TEXT_QUOTE_SIZE];
	const char *sep = strstr(v, ", "), *rate = NULL, *why;
	size_t plen;

	product_info_init(&pr->info);
	/* "2.50, 5.5": the comma that separates is followed by a space, so
	 * that a decimal comma ("2,50, 5,5") is not one. */
	if (!sep)
		sep = strstr(v, ",\t");
	plen = sep ? (size_t)(sep - v) : strlen(v);
	if (plen >= sizeof price)
		return bad(l, "products", name, "product '%s': price too long",
		           name);
	memcpy(price, v, plen);
	price[plen] = '\0';
	if (sep) {
		rate = sep + 1;
		while (*rate == ' ' || *rate == '\t')
			rate++;
	}
	/* "2.50, 5.5, resale": goods bought for resale (707, not 701). */
	if (rate && (sep = strstr(rate, ", ")) && strlen(rate) < sizeof rate_buf) {
		const char *kind = sep + 2;
		while (*kind == ' ')
			kind++;
		if (strcmp(kind, "resale") != 0 && strcmp(kind, "made") != 0)
			return bad(l, "products", name, "product '%s': '%s' is "
			           "neither 'resale' (bought for resale) nor "
			           "'made' (by the group, the default)", name,
			           text_quote(kind, q, sizeof q));
		pr->resale = strcmp(kind, "resale") == 0;
		memcpy(rate_buf, rate, (size_t)(sep - rate));
		rate_buf[sep - rate] = '\0';
		rate = rate_buf;
	}
	if ((why = text_problem(name)))
		return bad(l, "products", name, "product name %s", why);
	if (money_parse(text_trim(price), &pr->price) < 0)
		return bad(l, "products", name, "product '%s': '%s' is not "
		           "'price, VAT rate' like '2.50, 5.5' (a space after "
		           "the comma that separates them)", name,
		           text_quote(v, q, sizeof q));
	if (rate) {
		if (money_rate_parse(rate, &pr->vat) < 0)
			return bad(l, "products", name, "product '%s': VAT rate "
			           "'%s' is not a percent from 0 to 100", name,
			           text_quote(rate, q, sizeof q));
	} else if (l->p->vat) {
		return bad(l, "products", name, "product '%s': no VAT rate; "
		           "write 'price, VAT rate', e.g. '2.50, 5.5'", name);
	} else {
		pr->vat = 0;
	}
	pr->name = strdup(name);
	if (!pr->name)
		return fc_fail(l->e, FC_IOERR, "out of memory");
	l->p->nproducts++;
	return 0;
}

static const char *const flashcoop_keys[] = {
	"id", "name", "activity", "host", "host_address", "event", "currency",
	"start", "end", NULL
};
static const char *const money_keys[] = {
	"vat", "cae_base", "cae_rate", "employer_rate", "employee_rate",
	"share", "cash_float", "min_hourly_gross", NULL
};

static bool known(const char *const *keys, const char *k)
{
	for (; *keys; keys++)
		if (strcmp(*keys, k) == 0)
			return true;
	return false;
}

/* Every entry of the dictionary: a known section, a known key, never a
 * section named like a key ("[money:cae_rate]"), which iniparser stores as
 * a key without a value and its typed getters crash on. */
static int check_entries(struct loader *l)
{
	dictionary *d = l->d;
	size_t nproducts = 0, naccounts = 0;

	for (int i = 0; i < d->n; i++) {
		const char *k = d->key[i], *colon;
		char sec[256];
		if (!k)
			continue;
		colon = strchr(k, ':');
		if (!colon) {
			if (strcmp(k, "flashcoop") && strcmp(k, "money") &&
			    strcmp(k, "products") && strcmp(k, "accounts") &&
			    strncmp(k, "product ", 8))
				return bad(l, k, NULL, "unknown section [%s]; the "
				           "sections are [flashcoop], [money], "
				           "[products], [product NAME] and "
				           "[accounts]", k);
			continue;
		}
		snprintf(sec, sizeof sec, "%.*s", (int)(colon - k), k);
		if (!d->val[i])
			return bad(l, k, NULL, "section [%s] is named like a key; "
			           "a section name has no ':'", k);
		if (strchr(colon + 1, ':'))
			return bad(l, sec, colon + 1, "key '%s' has a ':', which "
			           "flashcoop.ini keys may not hold", colon + 1);
		if (sec[0] == '\0')
			return bad(l, "", colon + 1, "'%s' comes before any "
			           "[section]", colon + 1);
		if (strcmp(sec, "flashcoop") == 0 &&
		    !known(flashcoop_keys, colon + 1))
			return bad(l, sec, colon + 1, "unknown key '%s' in "
			           "[flashcoop]", colon + 1);
		if (strcmp(sec, "money") == 0 && !known(money_keys, colon + 1))
			return bad(l, sec, colon + 1, "unknown key '%s' in "
			           "[money]", colon + 1);
		if (strcmp(sec, "products") == 0)
			nproducts++;
		if (strcmp(sec, "accounts") == 0)
			naccounts++;
	}
	l->p->accounts = calloc(naccounts + 1, sizeof *l->p->accounts);
	if (!l->p->accounts)
		return fc_fail(l->e, FC_IOERR, "out of memory");
	l->p->products = calloc(nproducts + 1, sizeof *l->p->products);
	return l->p->products ? 0 : fc_fail(l->e, FC_IOERR, "out of memory");
}

/* [accounts] key = NUMBER [label]: the number is letters and digits. */
static int load_accounts(struct loader *l)
{
	dictionary *d = l->d;
	for (int i = 0; i < d->n; i++) {
		const char *k = d->key[i], *v, *why;
		struct account *a;
		size_t n;
		bool code;
		char q[TEXT_QUOTE_SIZE];

		if (!k || strncmp(k, "accounts:", 9) != 0)
			continue;
		k += 9;
		v = d->val[i];
		if (!accounts_key_known(k))
			return bad(l, "accounts", k, "unknown account '%s' (the "
			           "keys are listed in flashcoop.ini(5): sales, "
			           "cash, bank, charge_CATEGORY, vat_collected_RATE, "
			           "analytic...)", k);
		code = strcmp(k, "analytic") == 0 ||
		       strcmp(k, "cae_analytic") == 0;
		if (code && (!text_is_token(v) || strlen(v) > 40))
			return bad(l, "accounts", k, "analytic code '%s' may hold "
			           "only letters, digits, '.', '_' and '-' (40 at "
			           "most)", text_quote(v, q, sizeof q));
		n = code ? strlen(v) : strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                              "abcdefghijklmnopqrstuvwxyz"
		                              "0123456789");
		if (n == 0 || (!code && n > 20) || (v[n] && v[n] != ' '))
			return bad(l, "accounts", k, "account '%s' is not 'NUMBER' "
			           "or 'NUMBER label', e.g. '707 Ventes'",
			           text_quote(v, q, sizeof q));
		if ((why = text_problem(v)))
			return bad(l, "accounts", k, "account %s", why);
		a = &l->p->accounts[l->p->naccounts];
		a->key = strdup(k);
		a->number = strndup(v, n);
		a->label = strdup(v + n + strspn(v + n, " "));
		if (!a->key || !a->number || !a->label) {
			free(a->key);
			free(a->number);
			free(a->label);
			return fc_fail(l->e, FC_IOERR, "out of memory");
		}
		l->p->naccounts++;
	}
	return 0;
}

/* The [product NAME] sections: each names a product of [products]. */
static int load_descriptions(struct loader *l)
{
	dictionary *d = l->d;
	char why[512], name[256];

	for (int i = 0; i < d->n; i++) {
		const char *k = d->key[i], *colon;
		struct product *pr;
		int rc;
		if (!k || strncmp(k, "product ", 8) != 0)
			continue;
		colon = strchr(k, ':');
		snprintf(name, sizeof name, "%.*s", (int)(colon ? colon - k - 8 :
		         (ptrdiff_t)strlen(k + 8)), k + 8);
		if (!(pr = (struct product *)project_product(l->p, name)))
			return bad(l, k, NULL, "[product %s] describes no product "
			           "of [products]", name);
		if (!colon)
			continue;
		rc = product_info_set(&pr->info, colon + 1, d->val[i], why,
		                      sizeof why);
		if (rc == -2)
			return fc_fail(l->e, FC_IOERR, "out of memory");
		if (rc) {
			snprintf(name, sizeof name, "%.*s", (int)(colon - k), k);
			return bad(l, name, colon + 1, "%s", why);
		}
	}
	return 0;
}

static int load_products(struct loader *l)
{
	dictionary *d = l->d;
	for (int i = 0; i < d->n; i++) {
		const char *k = d->key[i];
		int rc;
		if (!k || strncmp(k, "products:", 9) != 0)
			continue;
		if ((rc = load_product(l, k + 9, d->val[i])))
			return rc;
	}
	return 0;
}

/* An ISO 4217 code as the journals need it (hledger reads "Euro 2026" as
 * no commodity): three capital ASCII letters. */
static bool iso4217(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return s[3] == '\0';
}

static int load_values(struct loader *l)
{
	struct project *p = l->p;
	const char *v;
	char q[TEXT_QUOTE_SIZE];
	int rc, choice;

	if ((rc = get_text(l, "flashcoop", "id", true, NULL, &p->id)) ||
	    (rc = get_text(l, "flashcoop", "name", true, NULL, &p->name)) ||
	    (rc = get_text(l, "flashcoop", "activity", false, "", &p->activity)) ||
	    (rc = get_text(l, "flashcoop", "host", false, "", &p->host)) ||
	    (rc = get_text(l, "flashcoop", "host_address", false, "",
	                   &p->host_address)) ||
	    (rc = get_text(l, "flashcoop", "event", false, "", &p->event)) ||
	    (rc = get_text(l, "flashcoop", "currency", false, "EUR",
	                   &p->currency)))
		return rc;
	if (!iso4217(p->currency))
		return bad(l, "flashcoop", "currency", "currency '%s' is not an "
		           "ISO 4217 code: three capital letters, like EUR or "
		           "CHF", text_quote(p->currency, q, sizeof q));
	if (!text_is_token(p->id))
		return bad(l, "flashcoop", "id", "id '%s' may hold only letters, "
		           "digits, '.', '_' and '-'",
		           text_quote(p->id, q, sizeof q));
	if ((rc = get_date(l, "start", &p->start)) ||
	    (rc = get_date(l, "end", &p->end)))
		return rc;
	if (p->end < p->start)
		return bad(l, "flashcoop", "end", "end comes before start");
	if ((rc = get_choice(l, "vat", "no", "yes", 1, &choice)))
		return rc;
	p->vat = choice;
	if ((rc = get_choice(l, "cae_base", "margin", "turnover", 0, &choice)))
		return rc;
	p->cae_base = choice ? CAE_BASE_TURNOVER : CAE_BASE_MARGIN;
	if ((rc = get_choice(l, "share", "hours", "equal", 0, &choice)))
		return rc;
	p->share = choice ? SHARE_EQUAL : SHARE_HOURS;
	if ((rc = get_rate(l, "cae_rate", 1000, &p->cae_rate)) ||
	    (rc = get_rate(l, "employer_rate", 1300, &p->employer_rate)) ||
	    (rc = get_rate(l, "employee_rate", 2200, &p->employee_rate)))
		return rc;
	v = get(l, "money", "cash_float");
	if (v && money_parse(v, &p->cash_float) < 0)
		return bad(l, "money", "cash_float", "cash_float '%s' is not an "
		           "amount like 50.00", text_quote(v, q, sizeof q));
	p->min_hourly_gross = PROJECT_MIN_HOURLY_GROSS;
	v = get(l, "money", "min_hourly_gross");
	if (v && money_parse(v, &p->min_hourly_gross) < 0)
		return bad(l, "money", "min_hourly_gross", "min_hourly_gross '%s' "
		           "is not an amount like 12.02",
		           text_quote(v, q, sizeof q));
	if ((rc = load_products(l)) || (rc = load_descriptions(l)))
		return rc;
	return load_accounts(l);
}

/* dir/flashcoop.ini into path, or FC_NOINPUT saying why there is none
 * (the folder escaped, as in project_shown). */
static int find_ini(const char *dir, char *path, size_t size,
                    struct fc_error *e)
{
	char q[1024];
	struct stat st;

	text_escape(dir, q, sizeof q);
	if (project_path(dir, PROJECT_INI, path, size) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", q);
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return fc_fail(e, FC_NOINPUT, "%s: no such folder", q);
	if (stat(path, &st) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: not a flashcoop project (no "
		               "%s); create one with flashcoop-init, or name it "
		               "with -C DIR or $FLASHCOOP_DIR", q, PROJECT_INI);
	return 0;
}

int project_load(const char *dir, struct project *p, struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	/* p and e are filled here: they need not be set by the caller */
	/* cppcheck-suppress ctuuninitvar */
	struct loader l = { path, shown, NULL, p, e };
	struct ini ini = { 0 };
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = find_ini(dir, path, sizeof path, e)))
		return rc;
	project_shown(dir, PROJECT_INI, shown, sizeof shown);
	if ((rc = ini_read(path, shown, &ini, e)))
		return rc;
	l.d = ini.d;
	p->warnings = ini.warnings;
	p->nwarnings = ini.nwarnings;
	ini.warnings = NULL;
	ini.nwarnings = 0;
	if (!(p->dir = strdup(dir)))
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc)
		rc = check_entries(&l);
	if (!rc)
		rc = load_values(&l);
	ini_free(&ini);
	if (rc)
		project_free(p);
	return rc;
}

void project_free(struct project *p)
{
	free(p->dir);
	free(p->id);
	free(p->name);
	free(p->activity);
	free(p->host);
	free(p->host_address);
	free(p->event);
	free(p->currency);
	for (size_t i = 0; i < p->nproducts; i++) {
		free(p->products[i].name);
		product_info_free(&p->products[i].info);
	}
	free(p->products);
	for (size_t i = 0; i < p->naccounts; i++) {
		free(p->accounts[i].key);
		free(p->accounts[i].number);
		free(p->accounts[i].label);
	}
	free(p->accounts);
	for (size_t i = 0; i < p->nwarnings; i++)
		free(p->warnings[i]);
	free(p->warnings);
	memset(p, 0, sizeof *p);
}

/* ---- a new flashcoop.ini ---- */

/* key = "value": quoted so that ';' and '#' stay in the value. */
static int ini_pair(struct buf *b, const char *key, const char *v,
                    const char *comment, struct fc_error *e)
{
	char line[INI_LINE_MAX + 200];
	char q = strchr(v, '"') ? '\'' : '"';
	/* Quoted when iniparser would otherwise cut or join it. */
	bool plain = *v && strcspn(v, ";#\"'") == strlen(v) && v[0] != ' ' &&
	             v[strlen(v) - 1] != ' ' && v[strlen(v) - 1] != '\\';
	const char *why = text_problem(v);
	char quoted[TEXT_QUOTE_SIZE];

	if (why)
		return fc_fail(e, FC_DATAERR, "%s '%s' %s", key,
		               text_quote(v, quoted, sizeof quoted), why);
	if (strchr(v, '"') && strchr(v, '\''))
		return fc_fail(e, FC_DATAERR, "%s '%s' holds both kinds of "
		               "quotes, which flashcoop.ini cannot keep", key,
		               text_quote(v, quoted, sizeof quoted));
	if (strlen(v) > INI_LINE_MAX - 40)
		return fc_fail(e, FC_DATAERR, "%s is too long for flashcoop.ini",
		               key);
	if (plain)
		snprintf(line, sizeof line, "%-9s= %s%s%s\n", key, v,
		         comment ? "  ; " : "", comment ? comment : "");
	else
		snprintf(line, sizeof line, "%-9s= %c%s%c%s%s\n", key, q, v, q,
		         comment ? "  ; " : "", comment ? comment : "");
	return buf_puts(b, line) < 0 ? fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int project_ini_text(struct buf *b, const struct project *p,
                     struct fc_error *e)
{
	char start[DATE_BUFSZ], end[DATE_BUFSZ];
	int rc;

	date_format(p->start, start);
	date_format(p->end, end);
	if (buf_puts(b,
	    "; flashcoop.ini: this Flashcoop's identity, dates, money settings\n"
	    "; and product catalogue.  Written once by flashcoop-init, then yours\n"
	    "; to edit: no command rewrites it.  See flashcoop.ini(5).\n"
	    "\n[flashcoop]\n") < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if ((rc = ini_pair(b, "id", p->id, "short stable id, used in batch "
	                   "reports", e)) ||
	    (rc = ini_pair(b, "name", p->name, NULL, e)) ||
	    (rc = ini_pair(b, "activity", p->activity, NULL, e)) ||
	    (rc = ini_pair(b, "host", p->host, "the CAE that carries the "
	                   "contracts", e)) ||
	    (rc = ini_pair(b, "start", start, "first day (YYYY-MM-DD)", e)) ||
	    (rc = ini_pair(b, "end", end, "last day, included", e)) ||
	    (rc = ini_pair(b, "event", p->event, "where the group sells", e)) ||
	    (rc = ini_pair(b, "currency", "EUR", NULL, e)))
		return rc;
	if (buf_puts(b,
	    "\n[money]\n"
	    "vat           = yes     ; no: prices carry no VAT\n"
	    "cae_base      = margin  ; margin | turnover: what the CAE contribution is taken from\n"
	    "cae_rate      = 10      ; percent\n"
	    "employer_rate = 13      ; percent of gross pay, employer contributions\n"
	    "employee_rate = 22      ; percent of gross pay, employee contributions\n"
	    "share         = hours   ; hours | equal: how the distributable result is split\n"
	    "cash_float    = 50.00   ; cash in the drawer before the first sale (fond de caisse)\n"
	    "min_hourly_gross = 12.02 ; SMIC horaire brut, 2026-01-01: a lower gross pay an hour is flagged; 0: no check\n") < 0 ||
	    accounts_ini_text(b) < 0 ||
	    buf_puts(b,
	    "\n[products]\n"
	    "; name = unit price incl. VAT, VAT rate in percent.  For example:\n"
	    "; cookie        = 2.50, 5.5\n"
	    "; biscuit-apero = 3.00, 5.5\n"
	    "; sac-vrac      = 8.00, 20\n"
	    "; granola       = 6.00, 5.5, resale  ; bought for resale (707)\n") < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	return 0;
}
