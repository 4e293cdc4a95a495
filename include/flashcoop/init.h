/*
 * init: a new project folder, the files it starts with (flashcoop.ini
 * with commented defaults, participants.csv, ledger.csv and hours.csv
 * with their headers, a .gitattributes that keeps git from changing the
 * bytes the seal covers, a .gitignore for the lock and the commit file),
 * written once, flashcoop.ini last: until it exists there is no project.
 */
#ifndef FLASHCOOP_INIT_H
#define FLASHCOOP_INIT_H

#include <stddef.h>

#include "flashcoop/error.h"

struct project;

/* Create dir (mkdir -p) and its files from p (id, name, dates...).  A
 * folder that holds a project already is refused (FC_CANTCREAT); files
 * left by an init cut short, with exactly the text it writes, are taken
 * over; any other file of the same name is not overwritten. */
int init_project(const char *dir, const struct project *p,
                 const char *terminal, struct fc_error *e);

/* Declare this copy of dir (a clone of a chained project) as a new
 * terminal: its key made, a line added to terminals.csv, the copy's
 * declaration written.  A name in terminals.csv already, a copy that is a
 * terminal already, a project not chained or closed are refused. */
int init_terminal(const char *dir, const char *name, struct fc_error *e);

/* Chain a project made before the chain, from now on: ledger.csv and
 * hours.csv get the chain's columns (empty in the rows they hold),
 * terminals.csv and days.csv are made, this copy is the first terminal,
 * name.  All or nothing. */
int init_chain(const char *dir, const char *name, struct fc_error *e);

/* The default id of a project in dir: the folder's name ("." is the
 * current folder's), into buf. */
const char *init_default_id(const char *dir, char *buf, size_t size);

#endif
