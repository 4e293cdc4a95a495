/*
 * attestation: one printable page per participant that says what they
 * did: the CAE, the Flashcoop (activity, event, dates), the participant's
 * contract and dates, the hours day by day with the roles held, the
 * roles with their hours, the share and the gross pay estimate once the
 * project is closed, and a place for the CAE's signature.  HTML (one
 * document, a page each, nothing fetched from the network) or text (a
 * form feed between pages); in French, in English under an English
 * locale.  Made from one verified pass over each project (report_read).
 */
#ifndef FLASHCOOP_ATTESTATION_H
#define FLASHCOOP_ATTESTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct project;

struct attestation {
	FILE *out;
	bool html;
	bool english;
	const char *participant;  /* only this one, or NULL: every one */
	size_t pages;
	/* A text paragraph being gathered, to be wrapped. */
	FILE *para, *page_out;
	char *buf;
	size_t len;
};

/* The width of a text attestation's lines. */
#define ATTESTATION_WIDTH 76

/* True when the locale asks for English (LC_ALL, else LC_MESSAGES, else
 * LANG, begins with "en"). */
bool attestation_english(void);

/* Begin the document (the HTML head). */
void attestation_begin(struct attestation *a, FILE *out, bool html,
                       const char *participant);
/* The pages of project p's participants; FC_DATAERR when the one asked
 * for is not there. */
int attestation_project(struct attestation *a, const struct project *p,
                        struct fc_error *e);
/* End the document; -1 when out has a write error. */
int attestation_end(struct attestation *a);

#endif
