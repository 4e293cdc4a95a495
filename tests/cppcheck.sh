#!/bin/sh
# Static analysis of lib/ and bin/ with cppcheck (Debian's cppcheck 2.10):
# warnings, portability and performance; any finding fails.  `make
# cppcheck` runs this.
#
# A finding that is a false positive is silenced where it is, with a
# comment saying why:   /* cppcheck-suppress ID */ on the line before.
# The only suppression made here: missingIncludeSystem, since the system
# and library headers (libc, libcsv, iniparser, OpenSSL, jansson) are not
# given to cppcheck on purpose: it checks our code, not theirs, and
# guesses what their macros do.
#
#   CPPCHECK=cppcheck     the cppcheck to run
#   CPPCHECK_JOBS=N       parallel jobs (default: the number of CPUs);
#                         -j disables the whole-program (CTU) checks in
#                         cppcheck 2.10, so 1 is used unless asked
#
# Exits 0 when clean, 1 on any finding, 2 when cppcheck is missing.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
CPPCHECK=${CPPCHECK:-cppcheck}
CPPCHECK_JOBS=${CPPCHECK_JOBS:-1}

command -v "$CPPCHECK" >/dev/null 2>&1 ||
	{ echo "cppcheck: $CPPCHECK not found (apt-get install cppcheck)" >&2; exit 2; }

cd "$top" || exit 2
"$CPPCHECK" --version
"$CPPCHECK" --enable=warning,portability,performance --error-exitcode=1 \
	--inline-suppr -I include --std=c11 -D_GNU_SOURCE \
	--suppress=missingIncludeSystem \
	-j "$CPPCHECK_JOBS" --quiet \
	--template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
	--template-location='{file}:{line}:{column}: note: {info}' \
	lib bin
rc=$?
if [ "$rc" = 0 ]; then
	echo "cppcheck: clean"
else
	echo "cppcheck: findings above (file:line:column: severity: message [id])"
fi
exit "$rc"
