#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flashcoop/pager.h"

static pid_t pager_pid = -1;

/* Whether name is a program found in PATH. */
static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	char file[4096];

	for (const char *s = path ? path : ""; *s; ) {
		size_t n = strcspn(s, ":");
		struct stat st;
		if (n && snprintf(file, sizeof file, "%.*s/%s", (int)n, s,
		                  name) < (int)sizeof file &&
		    stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(file, X_OK) == 0)
			return true;
		s += n + (s[n] == ':');
	}
	return false;
}

static const char *pager_command(void)
{
	const char *p = getenv("FLASHCOOP_PAGER");

	if (!p)
		p = getenv("PAGER");
	if (!p)
		p = in_path("less") ? "less" : "";
	return *p && strcmp(p, "cat") != 0 ? p : NULL;
}

void pager_start(void)
{
	const char *cmd;
	int fd[2];

	if (pager_pid >= 0 || !isatty(1) || !(cmd = pager_command()))
		return;
	fflush(stdout);
	if (pipe(fd) < 0)
		return;
	if ((pager_pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pager_pid == 0) {
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		setenv("LESS", "FRSX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	dup2(fd[1], 1);
	close(fd[0]);
	close(fd[1]);
}

void pager_end(void)
{
	int status;

	if (pager_pid < 0)
		return;
	fflush(stdout);
	close(1);
	while (waitpid(pager_pid, &status, 0) < 0 && errno == EINTR)
		;
	pager_pid = -1;
}
