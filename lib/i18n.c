#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The translations beside the command, when it runs from a build tree:
 * BUILD/bin/flashcoop-report finds BUILD/locale (where the build puts
 * them), without FLASHCOOP_LOCALEDIR; an installed command finds none
 * there and keeps LOCALEDIR.  Into buf, or NULL. */
static const char *beside(char *buf, size_t size)
{
	char mo[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= size - 1)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		return NULL;
	*slash = '\0';                       /* BUILD/bin */
	if (strlen(buf) < 4 || strcmp(buf + strlen(buf) - 4, "/bin") != 0)
		return NULL;
	strcpy(buf + strlen(buf) - 3, "locale");  /* BUILD/locale */
	snprintf(mo, sizeof mo, "%s/fr/LC_MESSAGES/flashcoop.mo", buf);
	return access(mo, R_OK) == 0 ? buf : NULL;
}

void i18n_init(void)
{
	char here[PATH_MAX];
	const char *dir = getenv("FLASHCOOP_LOCALEDIR");

	if (!dir || !*dir)
		dir = beside(here, sizeof here);

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
