#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"

int array_reserve(void *v, size_t *cap, size_t want, size_t size)
{
	void **p = v, *n;
	size_t c = *cap ? *cap : 16;

	if (want <= *cap)
		return 0;
	while (c < want) {
		if (c > SIZE_MAX / 2)
			return -1;
		c *= 2;
	}
	if (size && c > SIZE_MAX / size)
		return -1;
	if (!(n = realloc(*p, c * size)))
		return -1;
	*p = n;
	*cap = c;
	return 0;
}
