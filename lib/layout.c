#include <string.h>

#include "flashcoop/layout.h"

const struct layout_file layout_files[] = {
	{ PROJECT_INI, 0644, false, false },
	{ PROJECT_PARTICIPANTS, 0600, true, true },
	{ PROJECT_LEDGER, 0644, false, true },
	{ PROJECT_HOURS, 0644, false, true },
	{ PROJECT_PRODUCTION, 0644, false, true },
	{ PROJECT_TERMINALS, 0644, false, true },
	{ PROJECT_DAYS, 0644, false, true },
	{ PROJECT_CLOSING_CSV, 0600, true, true },
	{ PROJECT_CLOSING_INI, 0644, false, false },
};
const size_t layout_nfiles = sizeof layout_files / sizeof *layout_files;

const struct layout_file *layout_find(const char *name)
{
	for (size_t i = 0; i < layout_nfiles; i++)
		if (strcmp(layout_files[i].name, name) == 0)
			return &layout_files[i];
	return NULL;
}

const char *layout_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

mode_t layout_mode(const char *name, long old, mode_t fallback)
{
	const struct layout_file *f = layout_find(name);

	if (f && f->personal)
		return LAYOUT_PERSONAL_MODE;
	if (old >= 0)
		return (mode_t)old & 07777;
	return f ? f->mode : fallback;
}
