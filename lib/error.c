#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/error.h"
#include "flashcoop/i18n.h"

static int vfail(struct fc_error *e, int code, int err, const char *fmt,
                 va_list ap)
{
	if (!e)
		return code;
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, gettext(fmt), ap);
	if (err) {
		size_t n = strlen(e->msg);
		snprintf(e->msg + n, sizeof e->msg - n, ": %s", strerror(err));
	}
	return code;
}

int fc_fail(struct fc_error *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(e, code, 0, fmt, ap);
	va_end(ap);
	return code;
}

int fc_fail_errno(struct fc_error *e, int code, const char *fmt, ...)
{
	int err = errno;
	va_list ap;
	va_start(ap, fmt);
	vfail(e, code, err, fmt, ap);
	va_end(ap);
	return code;
}
