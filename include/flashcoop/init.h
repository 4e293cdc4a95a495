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
                 struct fc_error *e);

/* The default id of a project in dir: the folder's name ("." is the
 * current folder's), into buf. */
const char *init_default_id(const char *dir, char *buf, size_t size);

#endif
