#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/cli.h"
#include "flashcoop/i18n.h"
#include "flashcoop/project.h"

const char *cli_prog = "flashcoop";

void cli_init(int argc, char **argv)
{
	i18n_init();
	if (argc > 0 && argv[0] && *argv[0]) {
		const char *slash = strrchr(argv[0], '/');
		cli_prog = slash ? slash + 1 : argv[0];
		/* getopt's own messages name the command, not the path it
		 * was run by. */
		argv[0] = (char *)cli_prog;
	}
}

static void vwarn(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cli_prog);
	vfprintf(stderr, gettext(fmt), ap);
	fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

int cli_report(const struct fc_error *e)
{
	/* Several problems come one a line, each with our name. */
	for (const char *s = e->msg, *nl; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		fprintf(stderr, "%s: %.*s\n", cli_prog,
		        (int)(nl ? nl - s : (ptrdiff_t)strlen(s)), s);
		if (!nl)
			break;
	}
	return e->code;
}

int cli_usage(const char *usage)
{
	fputs(gettext(usage), stderr);
	return FC_USAGE;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try '%s --help'.\n"), cli_prog);
	return FC_USAGE;
}

int cli_bad_value(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	return FC_DATAERR;
}

int cli_load_project(const char *dir, struct project *p, struct fc_error *e)
{
	int rc = project_load(dir, p, e);
	for (size_t i = 0; !rc && i < p->nwarnings; i++)
		cli_warn("%s", p->warnings[i]);
	return rc;
}

int cli_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return FC_OK;
	cli_warn("cannot write to standard output: %s", strerror(errno));
	return FC_IOERR;
}

int cli_help(const char *usage)
{
	fputs(gettext(usage), stdout);
	return cli_flush();
}

int cli_version(void)
{
	printf("%s (flashcoop) %s\n", cli_prog, FLASHCOOP_VERSION);
	return cli_flush();
}
