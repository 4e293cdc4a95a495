#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/product.h"
#include "flashcoop/text.h"

/* The regulation's 14, as flashcoop.ini names them and as a French label
 * prints them. */
static const struct {
	const char *name, *french;
} allergens[ALLERGEN_N] = {
	[ALLERGEN_GLUTEN] = { "gluten", "gluten" },
	[ALLERGEN_CRUSTACEANS] = { "crustaceans", "crustacés" },
	[ALLERGEN_EGGS] = { "eggs", "œufs" },
	[ALLERGEN_FISH] = { "fish", "poissons" },
	[ALLERGEN_PEANUTS] = { "peanuts", "arachides" },
	[ALLERGEN_SOY] = { "soy", "soja" },
	[ALLERGEN_MILK] = { "milk", "lait" },
	[ALLERGEN_NUTS] = { "nuts", "fruits à coque" },
	[ALLERGEN_CELERY] = { "celery", "céleri" },
	[ALLERGEN_MUSTARD] = { "mustard", "moutarde" },
	[ALLERGEN_SESAME] = { "sesame", "sésame" },
	[ALLERGEN_SULPHITES] = { "sulphites", "sulfites" },
	[ALLERGEN_LUPIN] = { "lupin", "lupin" },
	[ALLERGEN_MOLLUSCS] = { "molluscs", "mollusques" },
};

const char *allergen_name(enum allergen a)
{
	return a < ALLERGEN_N ? allergens[a].name : "";
}

const char *allergen_french(enum allergen a)
{
	return a < ALLERGEN_N ? allergens[a].french : "";
}

int allergen_parse(const char *s)
{
	for (int a = 0; a < ALLERGEN_N; a++)
		if (text_casecmp(s, allergens[a].name) == 0 ||
		    text_casecmp(s, allergens[a].french) == 0)
			return a;
	return -1;
}

void product_info_init(struct product_info *in)
{
	memset(in, 0, sizeof *in);
	in->shelf_life = -1;
}

void product_info_free(struct product_info *in)
{
	free(in->ingredients);
	free(in->net_quantity);
	free(in->storage);
	product_info_init(in);
}

/* "gluten, milk": each a name of the 14. */
static int set_allergens(struct product_info *in, const char *v, char *why,
                         size_t size)
{
	char *copy = strdup(v), *save = NULL, q[TEXT_QUOTE_SIZE];
	uint32_t bits = 0;
	int rc = 0;

	if (!copy)
		return -2;
	for (char *t = strtok_r(copy, ",", &save); t && !rc;
	     t = strtok_r(NULL, ",", &save)) {
		int a = allergen_parse(text_trim(t));
		if (a >= 0) {
			bits |= 1u << a;
			continue;
		}
		snprintf(why, size, _("allergen '%s' is not one of the 14 of "
		         "Regulation (EU) No 1169/2011: gluten, crustaceans, "
		         "eggs, fish, peanuts, soy, milk, nuts, celery, mustard, "
		         "sesame, sulphites, lupin, molluscs"),
		         text_quote(text_trim(t), q, sizeof q));
		rc = -1;
	}
	free(copy);
	if (!rc)
		in->allergens = bits;
	return rc;
}

/* A whole number of days, from 1 to 3650. */
static int set_shelf_life(struct product_info *in, const char *v, char *why,
                          size_t size)
{
	char q[TEXT_QUOTE_SIZE], *end;
	long n = strtol(v, &end, 10);

	if (*v < '0' || *v > '9' || *end || n < 1 || n > 3650) {
		snprintf(why, size, _("shelf_life_days '%s' is not a number of "
		         "days from 1 to 3650"), text_quote(v, q, sizeof q));
		return -1;
	}
	in->shelf_life = (int32_t)n;
	return 0;
}

/* Ingredients: each '*' opens or closes an allergen's emphasis. */
static int check_ingredients(const char *v, char *why, size_t size)
{
	size_t stars = 0;

	for (const char *c = v; *c; c++)
		stars += *c == '*';
	if (stars % 2 == 0)
		return 0;
	snprintf(why, size, "%s", _("ingredients: a '*' opens an allergen's "
	         "emphasis that no '*' closes"));
	return -1;
}

static int set_text(char **field, const char *v)
{
	char *copy = strdup(v);

	if (!copy)
		return -2;
	free(*field);
	*field = copy;
	return 0;
}

int product_info_set(struct product_info *in, const char *key,
                     const char *value, char *why, size_t size)
{
	const char *problem = text_problem(value);
	char q[TEXT_QUOTE_SIZE];

	in->described = true;
	if (problem) {
		snprintf(why, size, "%s %s", key, problem);
		return -1;
	}
	if (strcmp(key, "ingredients") == 0)
		return check_ingredients(value, why, size) ? -1 :
		       set_text(&in->ingredients, value);
	if (strcmp(key, "allergens") == 0)
		return set_allergens(in, value, why, size);
	if (strcmp(key, "net_quantity") == 0)
		return set_text(&in->net_quantity, value);
	if (strcmp(key, "shelf_life_days") == 0)
		return set_shelf_life(in, value, why, size);
	if (strcmp(key, "storage") == 0)
		return set_text(&in->storage, value);
	snprintf(why, size, _("unknown key '%s' in a [product] section (the "
	         "keys are %s)"), text_quote(key, q, sizeof q), PRODUCT_KEYS);
	return -1;
}

int32_t product_best_before(const struct product_info *in, int32_t made)
{
	if (!in || in->shelf_life <= 0 || made == DATE_NONE)
		return DATE_NONE;
	return made + in->shelf_life;
}
