#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
	const char *dir = getenv("FLASHCOOP_LOCALEDIR");

	/* Messages and characters follow the user; numbers stay "C" for
	 * every parser and writer of files (reports format amounts their
	 * own way, see i18n_french_numbers). */
	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "");
	bindtextdomain("flashcoop", dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("flashcoop", "UTF-8");
	textdomain("flashcoop");
}

bool i18n_french_numbers(void)
{
	const char *vars[] = { "LC_ALL", "LC_NUMERIC", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "fr", 2) == 0;
	}
	return false;
}
