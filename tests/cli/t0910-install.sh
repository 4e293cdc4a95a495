#!/bin/sh
# make install: a copy of the sources built with one PREFIX and installed
# with another rebuilds what has the prefix compiled in (the build's flags
# are tracked in BUILD/FLASHCOOP-FLAGS), so the installed commands find
# their French messages under the new PREFIX without FLASHCOOP_LOCALEDIR;
# the completion and the examples go where Debian puts them; make with
# nothing changed rebuilds nothing; make uninstall leaves no file behind.
#
# It builds the project again (~20 s with make -j2): skipped under
# sanitize (once is enough) and without the fr_FR.UTF-8 locale.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

if [ -n "${FLASHCOOP_SANITIZED:-}" ]; then
	echo "1..0 # SKIP builds the project again: once, outside sanitize, is enough"
	exit 0
fi
if ! locale -a 2>/dev/null | grep -qixE 'fr_FR\.utf-?8'; then
	echo "1..0 # SKIP the fr_FR.UTF-8 locale is not available (locale -a)"
	exit 0
fi
command -v make >/dev/null 2>&1 || { echo "1..0 # SKIP make is not installed"; exit 0; }

# The copy is built by a make of its own: nothing from a make above (the
# jobserver, BUILD=build/san or a PREFIX on its command line).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES BUILD PREFIX DESTDIR BINDIR \
	MANDIR LOCALEDIR BASHCOMPDIR DOCDIR FLASHCOOP_LOCALEDIR

SRC=$T/src
INST=$T/inst
EXAMPLES_DIR=$INST/share/doc/flashcoop/examples

# mk LOG ARGS...: make -j2 ARGS in the copy, its output in $T/LOG (shown
# when it fails).
mk() {
	_log=$T/$1
	shift
	(cd "$SRC" && make -j2 BUILD=build "$@") >"$_log" 2>&1 && return 0
	echo "make $* failed:"
	tail -n 30 "$_log"
	return 1
}

# built_since MARK: the files of the copy's build newer than MARK.
built_since() {
	find "$SRC/build" ! -type d -newer "$1"
}

check 'a copy of the sources builds with PREFIX=/nonexistent/a' '
	mkdir "$SRC" &&
	(cd "$ROOT" && tar --exclude=./build --exclude=./.git -cf - .) |
		(cd "$SRC" && tar -xf -) &&
	mk build.log PREFIX=/nonexistent/a &&
	holds "$SRC/build/FLASHCOOP-FLAGS" "/nonexistent/a/share/locale" &&
	grep -qF "/nonexistent/a/share/locale" "$SRC/build/bin/flashcoop-init"'

check 'make again with nothing changed rebuilds nothing, and says nothing' '
	touch "$T/mark" &&
	mk again.log PREFIX=/nonexistent/a &&
	same "" "$(built_since "$T/mark")" &&
	same "" "$(cat "$T/again.log")"'

check 'make install with another PREFIX rebuilds what has the prefix in it' '
	touch "$T/mark" &&
	mk install.log install PREFIX="$INST" &&
	holds "$T/install.log" "new build flags" &&
	holds "$T/install.log" "-o build/lib/i18n.o lib/i18n.c" &&
	built_since "$T/mark" | grep -q "/build/lib/i18n\.o$" &&
	lacks "$SRC/build/FLASHCOOP-FLAGS" "/nonexistent/a" &&
	grep -qF "$INST/share/locale" "$INST/bin/flashcoop-init" &&
	! grep -qF "/nonexistent/a" "$INST/bin/flashcoop-init"'

check 'the installed command speaks French from PREFIX, without FLASHCOOP_LOCALEDIR' '
	[ -f "$INST/share/locale/fr/LC_MESSAGES/flashcoop.mo" ] &&
	[ ! -e "$INST/locale" ] &&
	exits 64 env LANGUAGE= LC_ALL=fr_FR.UTF-8 "$INST/bin/flashcoop-init" --nonsense &&
	said "^utilisation.*: flashcoop-init DIR --name N --start DATE" &&
	exits 64 env LANGUAGE= LC_ALL=C.UTF-8 "$INST/bin/flashcoop-init" --nonsense &&
	said "^usage: flashcoop-init DIR"'

check 'the commands, man pages and bash completion are installed (Debian'"'"'s places)' '
	for c in init enroll record close check report; do
		[ -x "$INST/bin/flashcoop-$c" ] &&
		[ -f "$INST/share/man/man1/flashcoop-$c.1" ] &&
		[ -e "$INST/share/bash-completion/completions/flashcoop-$c" ] || {
			echo "flashcoop-$c: missing"; exit 1; }
	done &&
	cmp "$ROOT/completion/flashcoop.bash" "$INST/share/bash-completion/completions/flashcoop-init" &&
	[ -f "$INST/share/man/man7/flashcoop.7" ]'

check 'the examples are installed in share/doc/flashcoop/examples, scripts 755, others 644' '
	n=0 &&
	for f in "$ROOT"/examples/*; do
		b=${f##*/} && n=$((n + 1)) &&
		cmp "$f" "$EXAMPLES_DIR/$b" || exit 1
		if [ -x "$f" ]; then want=755; else want=644; fi
		same "$b $want" "$b $(stat -c %a "$EXAMPLES_DIR/$b")" || exit 1
	done &&
	same "$n" "$(ls "$EXAMPLES_DIR" | wc -l)" &&
	same 755 "$(stat -c %a "$EXAMPLES_DIR/cookies-week.sh")" &&
	same 644 "$(stat -c %a "$EXAMPLES_DIR/cash-register-export.csv")"'

check 'make install again with the same PREFIX rebuilds nothing' '
	touch "$T/mark" &&
	mk install2.log install PREFIX="$INST" &&
	same "" "$(built_since "$T/mark")" &&
	lacks "$T/install2.log" "new build flags"'

check 'make uninstall removes every file it installed, and the examples folder' '
	mk uninstall.log uninstall PREFIX="$INST" &&
	same "" "$(find "$INST" ! -type d)" &&
	[ ! -e "$EXAMPLES_DIR" ] && [ ! -e "$INST/share/doc/flashcoop" ]'

done_testing
