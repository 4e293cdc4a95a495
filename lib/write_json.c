#include <jansson.h>

#include "flashcoop/grid.h"
#include "flashcoop/write.h"

/* Row i as an object: counts are JSON integers; amounts stay exact as
 * decimal strings ("12.50"), never floats.  NULL when out of memory. */
static json_t *object(const struct grid *g, size_t i)
{
	json_t *o = json_object();

	for (size_t j = 0; o && j < g->ncols; j++) {
		const struct grid_cell *c = grid_at(g, i, j);
		char buf[GRID_PLAIN_SIZE];
		json_t *x = c->type == CELL_COUNT && !c->empty ?
		            json_integer(c->num) :
		            json_string(grid_plain(c, buf));
		if (!x || json_object_set_new(o, g->col[j].name, x) < 0) {
			json_decref(o);
			o = NULL;
		}
	}
	return o;
}

/* One object a line, in an array. */
int write_json(FILE *out, const struct grid *g)
{
	if (fputs("[", out) == EOF)
		return -1;
	for (size_t i = 0; i < g->nrows; i++) {
		json_t *o = object(g, i);
		int rc = !o || fputs(i ? ",\n " : "\n ", out) == EOF ||
		         json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (rc)
			return -1;
	}
	return fputs(g->nrows ? "\n]\n" : "]\n", out) == EOF ? -1 : 0;
}
