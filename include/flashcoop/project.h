/*
 * project: the Flashcoop folder and its flashcoop.ini.
 *
 * The folder is found from -C, then $FLASHCOOP_DIR, then the current folder.
 * flashcoop.ini is loaded with iniparser and every key is checked with our
 * own parsers (never iniparser_getint & co.): an unknown section or key, a
 * bad value or a section named like a key is an error naming its line.
 * Nothing here writes the INI back: the administrator's comments stay.
 */
#ifndef FLASHCOOP_PROJECT_H
#define FLASHCOOP_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/product.h"
#include "flashcoop/layout.h"

enum cae_base { CAE_BASE_MARGIN, CAE_BASE_TURNOVER };
enum share_rule { SHARE_HOURS, SHARE_EQUAL };

struct product {
	char *name;     /* as iniparser gives it: ASCII letters lowercase */
	int64_t price;  /* unit price incl. VAT, cents */
	int32_t vat;    /* hundredths of a percent */
	bool resale;    /* bought for resale (707), not made by the group */
	struct product_info info; /* its [product NAME] section */
};

/* An account of the [accounts] section: key = number [label]. */
struct account {
	char *key;      /* "sales", "cash", "charge_ingredients"... */
	char *number;   /* "707" */
	char *label;    /* "" when not given */
};

/* The minimum gross pay an hour when flashcoop.ini gives none: the SMIC
 * horaire brut from 1 January 2026. */
#define PROJECT_MIN_HOURLY_GROSS 1202

struct project {
	char *dir;
	char *id, *name, *activity, *host, *event, *currency;
	char *host_address;       /* the CAE's, for the labels; "" */
	int32_t start, end;       /* inclusive day numbers */
	bool vat;                 /* false: prices carry no VAT */
	enum cae_base cae_base;
	int32_t cae_rate, employer_rate, employee_rate; /* hundredths of % */
	enum share_rule share;
	int64_t cash_float;       /* cents */
	int64_t min_hourly_gross; /* cents an hour; 0: no check */
	struct product *products;
	size_t nproducts;
	struct account *accounts;  /* overrides of the chart of accounts */
	size_t naccounts;
	/* What is odd but not wrong in flashcoop.ini (a section given twice),
	 * each "flashcoop.ini:LINE: warning: ...", for the command to show. */
	char **warnings;
	size_t nwarnings;
};

/* The project folder for a command: opt_dir (-C), $FLASHCOOP_DIR, or ".".
 * The result is not checked; project_load() does that. */
const char *project_dir(const char *opt_dir);

/* Load and check dir/flashcoop.ini.  FC_NOINPUT when dir holds no project,
 * FC_DATAERR naming flashcoop.ini:LINE for any bad line or value.  A
 * loaded project may carry warnings (p->warnings): cli_load_project()
 * prints them. */
int project_load(const char *dir, struct project *p, struct fc_error *e);
void project_free(struct project *p);

/* The name of dir/file in messages: "file" in the current folder,
 * "dir/file" elsewhere, dir escaped by text_escape (a line break as
 * "\n").  Returns buf. */
const char *project_shown(const char *dir, const char *file, char *buf,
                          size_t size);

/* dir/file into buf; -1 when it does not fit. */
int project_path(const char *dir, const char *file, char *buf, size_t size);

/* The catalogue entry for a product whatever its case, accents included
 * (text_casecmp: éclair, ÉCLAIR and Éclair are one), or NULL.  No two
 * products of a loaded catalogue differ only by case. */
const struct product *project_product(const struct project *p,
                                      const char *name);

/* True when the project has been closed (closing.ini exists). */
bool project_closed(const char *dir);
/* Is path one of a project's own files (ledger.csv, .lock...) in a folder
 * that holds a project?  A report's -o must not replace it. */
bool project_owns(const char *path);

/* FC_CLOSED with a message when the project is closed, else FC_OK. */
int project_check_open(const char *dir, struct fc_error *e);

/* Write a new flashcoop.ini text for flashcoop-init into b (the defaults of
 * SPEC §2, commented).  FC_DATAERR when a value cannot be written. */
struct buf;
int project_ini_text(struct buf *b, const struct project *p,
                     struct fc_error *e);

#endif
