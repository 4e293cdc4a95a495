#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/layout.h"
#include "flashcoop/note.h"
#include "flashcoop/store.h"
#include "flashcoop/version.h"

/* One file's state: inode, size, modification and change times to the
 * nanosecond, and a digest of its last 4 KB (a same-size edit within a
 * coarse clock tick). */
static int take_file(const char *dir, const char *name, char *buf,
                      size_t size)
{
	char path[PATH_MAX], tail[4096];
	uint64_t h = 14695981039346656037ULL;
	struct stat st;
	ssize_t n = 0;
	int fd;

	if (store_join(path, sizeof path, dir, name) < 0)
		return -1;
	if (lstat(path, &st) < 0)
		return snprintf(buf, size, "%s -\n", name) >= (int)size ? -1 : 0;
	if (!S_ISREG(st.st_mode))
		return -1;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (st.st_size > 0)
		n = pread(fd, tail, sizeof tail, st.st_size > (off_t)sizeof tail ?
		          st.st_size - (off_t)sizeof tail : 0);
	close(fd);
	if (n < 0)
		return -1;
	/* FNV-1a: a change, not an attack, is what this looks for (the
	 * inode and the change time cannot be set back), and libcrypto's
	 * start-up would cost a write more than the rest of it. */
	for (ssize_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)tail[i]) * 1099511628211ULL;
	return snprintf(buf, size, "%s %llu %lld %lld.%09ld %lld.%09ld %016llx\n",
	                name, (unsigned long long)st.st_ino,
	                (long long)st.st_size, (long long)st.st_mtim.tv_sec,
	                st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec,
	                st.st_ctim.tv_nsec, (unsigned long long)h) >= (int)size ?
	       -1 : 0;
}

/* The state of every file of the project, as a note; -1 when one cannot
 * be seen (then nothing is noted, and nothing trusted). */
int note_take(const char *dir, char *buf, size_t size)
{
	size_t len;

	if (snprintf(buf, size, "flashcoop %s: the files as last found "
	             "sound\n", FLASHCOOP_VERSION) >= (int)size)
		return -1;
	for (size_t i = 0; i < layout_nfiles; i++) {
		len = strlen(buf);
		if (take_file(dir, layout_files[i].name, buf + len,
		               size - len) < 0) {
			buf[0] = '\0';
			return -1;
		}
	}
	return 0;
}

/* Note the files as sound, if they are still as they were before the
 * pass that found them so (no one changed them meanwhile). */
void note_keep(const char *dir, struct store_lock *l, const char *before)
{
	char now[NOTE_SIZE];

	if (*before && note_take(dir, now, sizeof now) == 0 &&
	    strcmp(before, now) == 0)
		store_note_set(l, now);
}

bool note_holds(const char *dir, const struct store_lock *l)
{
	char now[NOTE_SIZE], noted[NOTE_SIZE];

	return note_take(dir, now, sizeof now) == 0 &&
	       store_note_get(l, noted, sizeof noted) == 0 &&
	       strcmp(now, noted) == 0;
}
