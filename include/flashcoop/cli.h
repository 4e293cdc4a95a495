/*
 * cli: what every command shares: its name in messages, the common options
 * (-C DIR, -h/--help, --version), printing a library error, and loading
 * the project with its warnings shown.
 */
#ifndef FLASHCOOP_CLI_H
#define FLASHCOOP_CLI_H

#include "flashcoop/error.h"
#include "flashcoop/version.h"

extern const char *cli_prog;

/* Set the program name from argv[0], and argv[0] to it: getopt's own
 * messages then begin with the command's name, not its path. */
void cli_init(int argc, char **argv);

/* "prog: message" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print e on stderr and return its code. */
int cli_report(const struct fc_error *e);

/* The usage text (translated) on stderr, after getopt's own message;
 * return FC_USAGE. */
int cli_usage(const char *usage);

/* Print a usage error and a pointer to --help; return FC_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A value that fails its check: print it, return FC_DATAERR. */
int cli_bad_value(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* project_load(), then each warning of flashcoop.ini on stderr
 * ("prog: flashcoop.ini:12: warning: ..."); the warnings do not change
 * the result. */
struct project;
int cli_load_project(const char *dir, struct project *p, struct fc_error *e);

/* Flush stdout; when it cannot be written (a full disk, a closed pipe),
 * say so and return FC_IOERR, else FC_OK. */
int cli_flush(void);

/* --help: usage text on stdout; return FC_OK. */
int cli_help(const char *usage);
/* --version on stdout; return FC_OK. */
int cli_version(void);

#endif
