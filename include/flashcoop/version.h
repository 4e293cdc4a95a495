/*
 * version: flashcoop's version, in --version and in the note of the files
 * (a note another version wrote is not trusted).  A leaf.
 */
#ifndef FLASHCOOP_VERSION_H
#define FLASHCOOP_VERSION_H

#define FLASHCOOP_VERSION "0.1.0"

#endif
