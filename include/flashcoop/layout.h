/*
 * layout: the files of a project folder, each once: its name, the mode a
 * write leaves it with, and whether it holds people's names.  The one list
 * that the store replaces through its commit file (which may name nothing
 * else), that check looks at, and that the seal covers.  A leaf: it knows
 * nothing of what the files hold.
 */
#ifndef FLASHCOOP_LAYOUT_H
#define FLASHCOOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PROJECT_INI "flashcoop.ini"
#define PROJECT_PARTICIPANTS "participants.csv"
#define PROJECT_LEDGER "ledger.csv"
#define PROJECT_HOURS "hours.csv"
#define PROJECT_CLOSING_CSV "closing.csv"
#define PROJECT_CLOSING_INI "closing.ini"
#define PROJECT_TERMINALS "terminals.csv"
#define PROJECT_DAYS "days.csv"
#define PROJECT_PRODUCTION "production.csv"

/* The lock (and what the last command found sound) and the commit file of
 * a write to several files: local to a copy, never in git. */
#define PROJECT_LOCK ".lock"
#define PROJECT_COMMIT ".commit"
/* Which terminal this copy is (terminal.h): local too. */
#define PROJECT_LOCAL ".flashcoop"
#define PROJECT_TERMINAL_FILE ".flashcoop/terminal"

/* Files holding names are 0600 after every write, whatever they were. */
#define LAYOUT_PERSONAL_MODE 0600

struct layout_file {
	const char *name;
	mode_t mode;       /* of a new file */
	bool personal;     /* names: 0600 whatever it was before */
	bool csv;          /* a CSV file: LF line ends, no conflict marker */
};

/* Every file of a project, flashcoop.ini first. */
extern const struct layout_file layout_files[];
extern const size_t layout_nfiles;

/* The entry of a file name (no folder part), or NULL when it is not one of
 * a project's files. */
const struct layout_file *layout_find(const char *name);

/* The file name at the end of a path. */
const char *layout_base(const char *path);

/* The mode a file must have after a write: 0600 for a personal file; else
 * old (its mode before the write), or the layout's mode for a new one.
 * old < 0: the file is new. */
mode_t layout_mode(const char *name, long old, mode_t fallback);

#endif
