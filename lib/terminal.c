#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/array.h"
#include "flashcoop/layout.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/text.h"

#define DECL_MAGIC "flashcoop terminal 1"

bool terminal_name_valid(const char *s)
{
	size_t n = 0;

	if (s[0] < 'a' || s[0] > 'z')
		return false;
	for (; s[n]; n++)
		if (n >= TERMINAL_SIZE - 1 ||
		    !((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return false;
	return true;
}

/* ---- terminals.csv ---- */

struct reading {
	struct terminals *t;
	int col[3];
};

static bool key_valid(const char *s)
{
	return strlen(s) == TERMINAL_KEY_HEX - 1 &&
	       strspn(s, "0123456789abcdef") == TERMINAL_KEY_HEX - 1;
}

static int decl_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	static const char *const names[] = { "terminal", "public_key",
	                                     "declared_at" };
	struct reading *rd = ctx;
	struct terminal_decl *d;
	const char *name, *key, *at;
	char q[TEXT_QUOTE_SIZE];

	if (r->header) {
		for (int i = 0; i < 3; i++)
			if ((rd->col[i] = table_col(r, names[i])) < 0)
				return fc_fail(e, FC_DATAERR, "%s:%ld: column '%s' is "
				               "missing", r->name, r->line, names[i]);
		return 0;
	}
	name = table_get(r, rd->col[0]);
	key = table_get(r, rd->col[1]);
	at = table_get(r, rd->col[2]);
	if (!terminal_name_valid(name))
		return fc_fail(e, FC_DATAERR, "%s:%ld: terminal '%s' is not a "
		               "name (1 to 12 of a-z, 0-9 and -, a letter first)",
		               r->name, r->line, text_quote(name, q, sizeof q));
	if (terminals_find(rd->t, name) >= 0) {
		const struct terminal_decl *had =
			&rd->t->v[terminals_find(rd->t, name)];
		/* A copy of its line (a union merge) is no second terminal. */
		if (strcmp(had->public_key, key) == 0 &&
		    strcmp(had->declared_at, at) == 0)
			return 0;
		return fc_fail(e, FC_DATAERR, "%s:%ld: terminal %s is declared "
		               "twice", r->name, r->line, name);
	}
	if (!key_valid(key))
		return fc_fail(e, FC_DATAERR, "%s:%ld: public_key of %s is not "
		               "64 lowercase hex digits", r->name, r->line, name);
	if (!date_stamp_valid(at, NULL))
		return fc_fail(e, FC_DATAERR, "%s:%ld: declared_at '%s' is not a "
		               "time such as 2026-05-09T16:42:07+02:00", r->name,
		               r->line, text_quote(at, q, sizeof q));
	if (array_reserve(&rd->t->v, &rd->t->cap, rd->t->n + 1,
	                  sizeof *rd->t->v) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	d = &rd->t->v[rd->t->n++];
	snprintf(d->name, sizeof d->name, "%s", name);
	snprintf(d->public_key, sizeof d->public_key, "%s", key);
	snprintf(d->declared_at, sizeof d->declared_at, "%s", at);
	d->line = r->line;
	return 0;
}

int terminals_load(const char *dir, struct terminals *t, struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	struct reading rd = { t, { -1, -1, -1 } };
	struct stat st;
	int rc;

	memset(t, 0, sizeof *t);
	if (project_path(dir, PROJECT_TERMINALS, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	if (lstat(path, &st) < 0 && errno == ENOENT)
		return 0;
	t->present = true;
	project_shown(dir, PROJECT_TERMINALS, shown, sizeof shown);
	rc = store_table(path, shown, TABLE_FINAL_NEWLINE | TABLE_PROJECT,
	                 decl_row, &rd, e);
	if (!rc && t->n == 0)
		rc = fc_fail(e, FC_DATAERR, "%s: no terminal declared", shown);
	if (rc)
		terminals_free(t);
	return rc;
}

void terminals_free(struct terminals *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

int terminals_find(const struct terminals *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

int terminals_line(char *buf, size_t size, const char *name,
                   const char *public_key, const char *declared_at)
{
	int n = snprintf(buf, size, "%s,%s,%s\n", name, public_key,
	                 declared_at);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* ---- this copy ---- */

/* The inode of dir, the folder this copy is. */
static int folder_inode(const char *dir, unsigned long long *ino,
                        struct fc_error *e)
{
	struct stat st;

	if (stat(dir, &st) < 0)
		return fc_fail_errno(e, FC_NOINPUT, "%s", dir);
	*ino = (unsigned long long)st.st_ino;
	return 0;
}

int terminal_declared(const char *dir, char name[TERMINAL_SIZE],
                      struct fc_error *e)
{
	char path[PATH_MAX], *text = NULL, got[TERMINAL_SIZE + 1];
	unsigned long long ino = 0, at;
	struct stat st;
	int rc, n = 0;

	name[0] = '\0';
	if (project_path(dir, PROJECT_TERMINAL_FILE, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	if (lstat(path, &st) < 0 && errno == ENOENT)
		return 0;
	if ((rc = store_slurp(path, &text, NULL, e)))
		return rc;
	if (sscanf(text, DECL_MAGIC "\nterminal %13[a-z0-9-]\nfolder %llu\n%n",
	           got, &at, &n) != 2 || n == 0 || text[n] != '\0' ||
	    !terminal_name_valid(got)) {
		free(text);
		return fc_fail(e, FC_DATAERR, "%s: not a declaration of "
		               "flashcoop's", path);
	}
	free(text);
	if ((rc = folder_inode(dir, &ino, e)))
		return rc;
	if (ino != at)
		return 0;  /* made in another folder, copied along */
	memcpy(name, got, TERMINAL_SIZE);
	return 1;
}

int terminal_here(const char *dir, char name[TERMINAL_SIZE],
                  struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];
	int rc = terminal_declared(dir, name, e);

	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	return fc_fail(e, FC_NOINPUT, "%s: this copy of the project is no "
	               "terminal yet (or its declaration was copied from "
	               "another folder): declare it with 'flashcoop-init -C %s "
	               "--terminal NAME', a name of its own", dir,
	               text_quote(dir, q, sizeof q));
}

int terminal_declare_here(const char *dir, const char *name,
                          struct fc_error *e)
{
	char path[PATH_MAX], text[128];
	unsigned long long ino = 0;
	struct stat st;
	int rc;

	if ((rc = folder_inode(dir, &ino, e)))
		return rc;
	if (project_path(dir, PROJECT_LOCAL, path, sizeof path) < 0)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return fc_fail_errno(e, FC_CANTCREAT, "%s: cannot create", path);
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return fc_fail(e, FC_CANTCREAT, "%s: not a folder", path);
	snprintf(text, sizeof text, DECL_MAGIC "\nterminal %s\nfolder %llu\n",
	         name, ino);
	if (project_path(dir, PROJECT_TERMINAL_FILE, path, sizeof path) < 0)
		return fc_fail(e, FC_CANTCREAT, "%s: path too long", dir);
	return store_replace(path, text, strlen(text), 0644, e);
}
