/*
 * product: what a label says of a product, beyond its price: the section
 * [product NAME] of flashcoop.ini (flashcoop.ini(5)) gives its
 * ingredients in order (a part between two '*' is an allergen, printed in
 * bold), its allergens among the 14 of Regulation (EU) No 1169/2011,
 * Annex II, its net quantity, its shelf life in days (a lot's
 * best-before date) and how to keep it.  Whether the group makes it or
 * buys it for resale stays in [products] ("2.50, 5.5, resale").
 */
#ifndef FLASHCOOP_PRODUCT_H
#define FLASHCOOP_PRODUCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The 14 allergens, in the regulation's order. */
enum allergen {
	ALLERGEN_GLUTEN, ALLERGEN_CRUSTACEANS, ALLERGEN_EGGS, ALLERGEN_FISH,
	ALLERGEN_PEANUTS, ALLERGEN_SOY, ALLERGEN_MILK, ALLERGEN_NUTS,
	ALLERGEN_CELERY, ALLERGEN_MUSTARD, ALLERGEN_SESAME,
	ALLERGEN_SULPHITES, ALLERGEN_LUPIN, ALLERGEN_MOLLUSCS, ALLERGEN_N
};

/* "gluten", "crustaceans"...: the name flashcoop.ini takes (the French
 * one too: "œufs", "lait", "fruits à coque"...), and the French name a
 * label prints. */
const char *allergen_name(enum allergen a);
const char *allergen_french(enum allergen a);
/* The allergen named s (English or French, any case), or -1. */
int allergen_parse(const char *s);

/* The keys of [product NAME]. */
#define PRODUCT_KEYS "ingredients, allergens, net_quantity, " \
                     "shelf_life_days, storage"

struct product_info {
	char *ingredients;        /* "farine de *blé*, sucre", or NULL */
	char *net_quantity;       /* "200 g", or NULL */
	char *storage;            /* "au sec", or NULL */
	uint32_t allergens;       /* bits 1 << enum allergen */
	int32_t shelf_life;       /* days; -1 when not given */
	bool described;           /* a [product NAME] section was read */
};

/* An empty description (no section). */
void product_info_init(struct product_info *in);
/* key = value of [product NAME] into in: 0, or -1 with why (a sentence
 * naming the value) when the key is unknown or the value wrong, -2 when
 * out of memory. */
int product_info_set(struct product_info *in, const char *key,
                     const char *value, char *why, size_t size);
void product_info_free(struct product_info *in);
/* The best-before date of what was made on made: made + the shelf life,
 * DATE_NONE when in is NULL or gives none (labels, stock, bilan, record
 * alike). */
int32_t product_best_before(const struct product_info *in, int32_t made);

#endif
