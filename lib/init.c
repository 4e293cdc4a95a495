#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashcoop/buf.h"
#include "flashcoop/init.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"

static const char gitattributes[] =
	"# flashcoop: ledgers are LF text, diffed line by line.\n"
	"*.csv text eol=lf diff\n"
	"*.ini text eol=lf diff\n";
static const char gitignore[] = ".lock\n.commit\n*.tmp\n";

/* mkdir -p */
static int make_dir(const char *dir, struct fc_error *e)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	for (char *s = path + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return fc_fail_errno(e, FC_CANTCREAT, "%s: cannot create",
			                     path);
		*s = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* The files of a new project, flashcoop.ini last: until it exists, there
 * is no project. */
struct file {
	const char *name;
	const char *text;
	mode_t mode;
};

/* May dir/name be written?  Yes when it is absent or already holds exactly
 * this text (an init cut short); anything else is not ours to overwrite. */
static int may_write(const char *dir, const struct file *f, bool *present,
                     struct fc_error *e)
{
	char path[PATH_MAX], *old;
	size_t len;
	struct stat st;
	bool same;

	*present = false;
	if (project_path(dir, f->name, path, sizeof path) < 0)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	if (stat(path, &st) < 0)
		return 0;
	if (store_slurp(path, &old, &len, e))
		return FC_CANTCREAT;
	same = len == strlen(f->text) && memcmp(old, f->text, len) == 0;
	free(old);
	*present = true;
	return same ? 0 : fc_fail(e, FC_CANTCREAT, "%s already exists; "
	                          "flashcoop-init does not overwrite it", path);
}

int init_project(const char *dir, const struct project *p,
                 struct fc_error *e)
{
	struct store_lock lock;
	struct buf ini = { 0 };
	/* The modes are the layout's (store_replace): names 0600. */
	struct file files[] = {
		{ ".gitattributes", gitattributes, 0644 },
		{ ".gitignore", gitignore, 0644 },
		{ PROJECT_PARTICIPANTS, PARTICIPANT_HEADER "\n", 0600 },
		{ PROJECT_LEDGER, LEDGER_HEADER "\n", 0644 },
		{ PROJECT_HOURS, HOURS_HEADER "\n", 0644 },
		{ PROJECT_INI, NULL, 0644 },
	};
	const size_t n = sizeof files / sizeof *files;
	bool present[sizeof files / sizeof *files];
	char path[PATH_MAX];
	struct stat st;
	int rc;

	if ((rc = project_ini_text(&ini, p, e)))
		goto out;
	files[n - 1].text = ini.p;
	if (project_path(dir, PROJECT_INI, path, sizeof path) == 0 &&
	    stat(path, &st) == 0) {
		rc = fc_fail(e, FC_CANTCREAT, "%s already holds a project", dir);
		goto out;
	}
	if ((rc = make_dir(dir, e)) || (rc = store_lock(dir, true, &lock, e)))
		goto out;
	/* Every file is looked at before any is written. */
	for (size_t i = 0; !rc && i < n; i++)
		rc = may_write(dir, &files[i], &present[i], e);
	for (size_t i = 0; !rc && i < n; i++)
		if (!present[i] &&
		    project_path(dir, files[i].name, path, sizeof path) == 0)
			rc = store_replace(path, files[i].text,
			                   strlen(files[i].text), files[i].mode, e);
	store_unlock(&lock);
out:
	buf_free(&ini);
	return rc;
}

const char *init_default_id(const char *dir, char *buf, size_t size)
{
	const char *base;
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	snprintf(buf, size, "%.*s", (int)len, dir);
	base = strrchr(buf, '/');
	base = base ? base + 1 : buf;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		char real[PATH_MAX];
		if (realpath(buf, real)) {
			snprintf(buf, size, "%s", real);
			base = strrchr(buf, '/');
			base = base && base[1] ? base + 1 : buf;
		}
	}
	return base;
}

