/*
 * pager: text for a person at a terminal goes through a pager, as git's
 * does: FLASHCOOP_PAGER, else PAGER, else less when it is found ("" or
 * "cat": none), run by sh -c with LESS=FRSX (quit when it fits a screen,
 * colours kept, long lines scrolled sideways, the screen not cleared) and
 * LV=-c unless they are set.  Never when standard output is not a
 * terminal: a pipe or a file gets the text as it is.
 */
#ifndef FLASHCOOP_PAGER_H
#define FLASHCOOP_PAGER_H

/* Standard output becomes the pager's input, when it is a terminal and a
 * pager can be run. */
void pager_start(void);
/* Standard output flushed and closed, the pager waited for (nothing when
 * none was started). */
void pager_end(void);

#endif
