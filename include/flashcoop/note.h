/*
 * note: the state of a project's files when a command last found them
 * sound, kept as text in the lock file: for each file its inode, size,
 * modification and change times to the nanosecond, and a digest of its
 * last 4 KB.  While the files are as noted, a writer need not read them
 * again; any change made outside the commands (a git pull, an editor)
 * shows in the inode or the change time, which no one can set back.
 */
#ifndef FLASHCOOP_NOTE_H
#define FLASHCOOP_NOTE_H

#include <stdbool.h>
#include <stddef.h>

struct store_lock;

#define NOTE_SIZE 4096

/* The state of dir's files now, as a note; -1 when one cannot be seen
 * (then nothing is noted, and nothing trusted). */
int note_take(const char *dir, char *buf, size_t size);

/* Are the files as the lock's note says? */
bool note_holds(const char *dir, const struct store_lock *l);

/* Note the files as sound in the lock, if they are still as they were
 * when before was taken (no one changed them meanwhile). */
void note_keep(const char *dir, struct store_lock *l, const char *before);

#endif
