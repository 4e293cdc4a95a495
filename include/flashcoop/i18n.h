/*
 * i18n: messages in the user's language, with GNU gettext.
 *
 * Messages are translated where they are printed or formatted (fc_fail,
 * cli_warn and their kin call gettext on their format), so call sites
 * pass plain literals; xgettext finds them by those functions' names (see
 * the Makefile's pot target).  N_() marks a literal translated later.
 */
#ifndef FLASHCOOP_I18N_H
#define FLASHCOOP_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) s

/* Set the locale from the environment and bind our text domain: to
 * $FLASHCOOP_LOCALEDIR when set; else, for a command run from a build
 * folder (BUILD/bin), to the build's BUILD/locale when it holds our
 * translations; else to the prefix's LOCALEDIR. */
void i18n_init(void);

/* True when amounts are to be written the French way (1 234,56 €):
 * LC_NUMERIC (or LC_ALL, LANG) names a French locale. */
bool i18n_french_numbers(void);

#endif
