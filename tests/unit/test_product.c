/*
 * Unit tests for lib/product.c: the 14 allergens by their English and
 * French names, any case; the keys of [product NAME] and their refusals
 * (an allergen outside the list, a shelf life that is not a number of
 * days, an emphasis left open, an unknown key, a control character).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "flashcoop/product.h"

static void test_allergens(void **state)
{
	(void)state;
	assert_int_equal(allergen_parse("gluten"), ALLERGEN_GLUTEN);
	assert_int_equal(allergen_parse("MILK"), ALLERGEN_MILK);
	assert_int_equal(allergen_parse("lait"), ALLERGEN_MILK);
	assert_int_equal(allergen_parse("Œufs"), ALLERGEN_EGGS);
	assert_int_equal(allergen_parse("fruits à coque"), ALLERGEN_NUTS);
	assert_int_equal(allergen_parse("molluscs"), ALLERGEN_MOLLUSCS);
	assert_int_equal(allergen_parse("arsenic"), -1);
	assert_int_equal(allergen_parse(""), -1);
	assert_string_equal(allergen_french(ALLERGEN_SULPHITES), "sulfites");
	assert_string_equal(allergen_name(ALLERGEN_SOY), "soy");
	for (int a = 0; a < ALLERGEN_N; a++) {
		assert_int_equal(allergen_parse(allergen_name(a)), a);
		assert_int_equal(allergen_parse(allergen_french(a)), a);
	}
}

static void test_keys(void **state)
{
	struct product_info in;
	char why[512];
	(void)state;

	product_info_init(&in);
	assert_false(in.described);
	assert_int_equal(in.shelf_life, -1);
	assert_int_equal(product_info_set(&in, "ingredients",
	                 "farine de *blé*, *beurre*, sucre", why, sizeof why), 0);
	assert_int_equal(product_info_set(&in, "allergens", " gluten ,lait",
	                 why, sizeof why), 0);
	assert_int_equal(product_info_set(&in, "net_quantity", "200 g", why,
	                 sizeof why), 0);
	assert_int_equal(product_info_set(&in, "shelf_life_days", "30", why,
	                 sizeof why), 0);
	assert_int_equal(product_info_set(&in, "storage", "au sec", why,
	                 sizeof why), 0);
	assert_true(in.described);
	assert_string_equal(in.ingredients, "farine de *blé*, *beurre*, sucre");
	assert_int_equal(in.allergens, (1u << ALLERGEN_GLUTEN) |
	                 (1u << ALLERGEN_MILK));
	assert_string_equal(in.net_quantity, "200 g");
	assert_int_equal(in.shelf_life, 30);
	assert_string_equal(in.storage, "au sec");
	/* a key given again replaces the value */
	assert_int_equal(product_info_set(&in, "storage", "au frais", why,
	                 sizeof why), 0);
	assert_string_equal(in.storage, "au frais");
	product_info_free(&in);
	assert_null(in.ingredients);
	assert_int_equal(in.shelf_life, -1);
}

static void refused(const char *key, const char *value, const char *says)
{
	struct product_info in;
	char why[512] = "";

	product_info_init(&in);
	assert_int_equal(product_info_set(&in, key, value, why, sizeof why),
	                 -1);
	if (!strstr(why, says))
		fail_msg("'%s = %s': '%s' does not say '%s'", key, value, why,
		         says);
	product_info_free(&in);
}

static void test_refusals(void **state)
{
	(void)state;
	refused("allergens", "gluten, arsenic", "allergen 'arsenic' is not");
	refused("allergens", "gluten, arsenic", "1169/2011");
	refused("shelf_life_days", "0", "'0' is not a number of days");
	refused("shelf_life_days", "3651", "from 1 to 3650");
	refused("shelf_life_days", "08x", "'08x'");
	refused("shelf_life_days", "-5", "'-5'");
	refused("shelf_life_days", "", "''");
	refused("ingredients", "farine de *blé, sucre", "no '*' closes");
	refused("weight", "200 g", "unknown key 'weight'");
	refused("storage", "au\x01sec", "storage");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allergens),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
