/*
 * error: how the library reports a failure to the command that called it.
 *
 * A library function that can fail fills a struct fc_error with an exit code
 * of SPEC §3 and one message (no program name, no newline), and returns the
 * code.  The command prints it and chooses to exit; nothing in lib/ exits.
 */
#ifndef FLASHCOOP_ERROR_H
#define FLASHCOOP_ERROR_H

enum fc_exit {
	FC_OK = 0,
	FC_USAGE = 64,     /* bad command line */
	FC_DATAERR = 65,   /* bad data, in the input or in the files */
	FC_NOINPUT = 66,   /* no project, or a missing file */
	FC_CANTCREAT = 73, /* cannot create */
	FC_IOERR = 74,     /* I/O error */
	FC_TEMPFAIL = 75,  /* project busy: the lock is held, try again */
	FC_CLOSED = 77     /* the project is closed */
};

struct fc_error {
	int code;
	char msg[2048];
};

/* Fill e (when not NULL) and return code. */
int fc_fail(struct fc_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, with ": strerror(errno)" appended. */
int fc_fail_errno(struct fc_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
