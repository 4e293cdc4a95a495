#!/bin/sh
# The man pages: each command's page documents the options and the
# subcommands of its --help and no others, every page passes mandoc's
# lint and has the sections a reader looks for, flashcoop(7) names them
# all.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
MAN=${FLASHCOOP_MAN:-$ROOT/man}   # another tree of pages, to test this test
COMMANDS="init enroll record close check report"

# mdoc_words PAGE: one line per argument of an Fl or Cm macro, as
# "SECTION<TAB>Fl<TAB>-option" (the option as typed: "Fl -by" is --by,
# "Fl C" is -C) or "SECTION<TAB>Cm<TAB>word", with "<TAB>It" after an
# option where it is described: heading an item of a list (.It Fl -by),
# or heading a form of the command (.Nm, then .Fl -withdraw).  The
# section is that of the last .Sh; .Ss does not change it.
mdoc_words() {
	awk '
	/^\.Sh / { sec = substr($0, 5); gsub(/"/, "", sec); next }
	/^\.[A-Z]/ {
		n = split(substr($0, 2), w, /[ \t]+/)
		mode = ""
		item = (w[1] == "It" || (form && w[1] == "Fl"))
		form = ($0 == ".Nm")
		for (i = 1; i <= n; i++) {
			t = w[i]
			if (t ~ /^[A-Z][a-z][a-z]?$/ || t ~ /^%[A-Z]$/) {
				mode = (t == "Fl" || t == "Cm") ? t : ""
				continue
			}
			if (t ~ /^[|,.;:()?!]$/ || t ~ /^[][]$/ || t == "")
				continue
			if (mode == "Fl")
				print sec "\tFl\t-" t (item ? "\tIt" : "")
			else if (mode == "Cm")
				print sec "\tCm\t" t
		}
	}' "$1"
}

# help_options CMD, help_words CMD: the options (-C, --by...) and the
# lowercase words (subcommands, report kinds, values) of CMD --help.
help_options() {
	"flashcoop-$1" --help |
		grep -oE '(^|[][ |])--?[A-Za-z][A-Za-z0-9-]*' |
		sed 's/^[][ |]//' | LC_ALL=C sort -u
}
help_words() {
	"flashcoop-$1" --help | tr '][ |,:.\t' '\n' |
		grep -xE '[a-z][a-z0-9]*(-[a-z0-9]+)*' | grep -v '^flashcoop-' | grep -vx usage | LC_ALL=C sort -u
}

# page_options PAGE SECTION-REGEX, page_cm PAGE SECTION-REGEX: the
# options, the Cm words of those sections of PAGE.
page_options() {
	mdoc_words "$1" | awk -F '\t' -v re="$2" '$1 ~ re && $2 == "Fl" { print $3 }' |
		LC_ALL=C sort -u
}
page_cm() {
	mdoc_words "$1" | awk -F '\t' -v re="$2" '$1 ~ re && $2 == "Cm" { print $3 }' |
		LC_ALL=C sort -u
}
# page_items PAGE: the options described in DESCRIPTION: those that
# head an item of a list (.It Fl ...) or a form (.Nm, .Fl ...).
page_items() {
	mdoc_words "$1" |
		awk -F '\t' '$1 == "DESCRIPTION" && $2 == "Fl" && $4 == "It" { print $3 }' |
		LC_ALL=C sort -u
}

# missing WHAT A B: the lines of file A that are not in file B, each
# reported as "WHAT: line"; fails when there is one.
missing() {
	LC_ALL=C comm -23 "$2" "$3" >"$T/.missing"
	[ -s "$T/.missing" ] || return 0
	sed "s/^/$1: /" "$T/.missing"
	return 1
}

pages() {
	ls "$MAN"/man1/*.1 "$MAN"/man5/*.5 "$MAN"/man7/*.7 2>/dev/null
}

# ---- a page for every command, a command for every page ----

check 'a man page in man/man1 for every command, and no other' '
	for c in $COMMANDS; do echo "flashcoop-$c.1"; done | LC_ALL=C sort >want &&
	(cd "$MAN/man1" && ls) | LC_ALL=C sort >got &&
	missing "no page for" want got && missing "a page of no command" got want'

check 'the overview flashcoop(7) exists' '
	[ -f "$MAN/man7/flashcoop.7" ]'

# ---- --help and the page agree ----

for c in $COMMANDS; do
	page=$MAN/man1/flashcoop-$c.1
	check "flashcoop-$c: every option of --help is in the SYNOPSIS" '
		help_options '"$c"' >help && page_options "'"$page"'" "^SYNOPSIS\$" >man &&
		[ -s help ] && missing "in --help, not in the SYNOPSIS" help man'
	check "flashcoop-$c: every option of the SYNOPSIS and DESCRIPTION is in --help" '
		help_options '"$c"' >help &&
		page_options "'"$page"'" "^(SYNOPSIS|DESCRIPTION)\$" >man &&
		missing "in the page, not in --help" man help'
	check "flashcoop-$c: every option of --help is described in DESCRIPTION (.It Fl)" '
		help_options '"$c"' >help && page_items "'"$page"'" >man &&
		missing "in --help, described by no .It of DESCRIPTION" help man'
	check "flashcoop-$c: the subcommands and values of --help are those of the SYNOPSIS (Cm)" '
		help_words '"$c"' >help && page_cm "'"$page"'" "^SYNOPSIS\$" >man &&
		missing "in --help, no Cm in the SYNOPSIS" help man &&
		missing "a Cm of the SYNOPSIS, not in --help" man help'
	check "flashcoop-$c: --help and the rendered page agree on every long option" '
		command -v mandoc >/dev/null || { echo "# mandoc missing: skipped"; exit 0; }
		help_options '"$c"' | grep -- "^--" >help &&
		mandoc -Tascii "'"$page"'" | col -b >page.txt &&
		for o in $(cat help); do
			grep -qF -- "$o" page.txt || { echo "$o: not in the rendered page"; exit 1; }
		done'
done

# ---- lint and sections ----

if command -v mandoc >/dev/null 2>&1; then
	for page in $(pages); do
		check "${page#"$ROOT"/}: mandoc -Tlint -W warning is clean" '
			mandoc -Tlint -W warning "'"$page"'"'
	done
else
	echo "# mandoc is not installed: the lint checks are skipped" \
		"(apt-get install mandoc)"
fi

# ---- 80 columns ----

# Every page, English and French, as man(1) shows it in a terminal of 80
# columns: no line is wider, but for the CSV headers listed below.  A CSV
# header has no space to break at: one wider than the page is written over
# several lines, each but the last ending with a comma (t0570 joins them
# before it looks for the command's header), so that this list stays
# empty; a header let run past the edge would be named here with why.  Lines "PAGE HEADER", PAGE being the same for
# the English page (man/PAGE) and the French one (man/fr/PAGE); a header
# that can fit has no place here (make it fit: a smaller indent).
cat >"$T/wide-headers" <<'EOF'
# (none: every header wider than the page is shown over several lines,
# each ending with a comma; t0570 joins them)
EOF

# The renderers: mandoc (CI installs it), and man-db's man(1) when it is
# the man here.
RENDERERS=
command -v mandoc >/dev/null 2>&1 && RENDERERS=mandoc
man --version 2>/dev/null | grep -q '^man [0-9]' && RENDERERS="$RENDERERS man-db"

# render TOOL PAGE: PAGE at 80 columns as TOOL shows it, plain text: no
# overstrike, tabs expanded.
render() {
	case $1 in
	mandoc) mandoc -T utf8 -O width=80 "$2" >"$T/.render" ;;
	man-db) MANWIDTH=80 MANPAGER=cat PAGER=cat MAN_KEEP_FORMATTING= \
		man -l "$2" >"$T/.render" 2>/dev/null ;;
	esac && [ -s "$T/.render" ] && col -bx <"$T/.render"
}

# too_wide NAME KEY TOOL: the lines of stdin (TOOL's rendering of page
# NAME) wider than 80 columns, but the headers of KEY in wide-headers,
# each as "NAME: line N of TOOL's rendering, W columns: text"; fails when
# there is one.  A column is a character: a byte of UTF-8 that is not a
# continuation byte (every character of the pages is one column wide).
too_wide() {
	LC_ALL=C awk -v name="$1" -v key="$2" -v tool="$3" -v wide="$T/wide-headers" '
	BEGIN { while ((getline l <wide) > 0) if (split(l, a, " ") == 2 && a[1] == key) ok[a[2]] = 1 }
	{ t = $0; w = length($0) - gsub(/[\200-\277]/, "", t) }
	w <= 80 { next }
	{ h = $0; sub(/^[^a-z]+/, "", h); sub(/[^a-z0-9_]+$/, "", h) }
	h in ok { next }
	{ printf "%s: line %d of %s'"'"'s rendering, %d columns: %s\n", name, FNR, tool, w, $0; bad = 1 }
	END { exit bad }'
}

if [ -n "$RENDERERS" ]; then
	for page in $(pages) $(ls "$MAN"/fr/man1/*.1 "$MAN"/fr/man7/*.7 2>/dev/null); do
		name=${page#"$ROOT"/}
		key=${page#"$MAN"/}; key=${key#fr/}
		check "$name: no line over 80 columns at MANWIDTH=80 ($(echo $RENDERERS | sed "s/ /, /"))" '
			ok=0
			for tool in $RENDERERS; do
				render $tool "'"$page"'" >page.txt || { echo "$tool: no rendering"; exit 1; }
				too_wide "'"$name"'" "'"$key"'" $tool <page.txt || ok=1
			done
			exit $ok'
	done
	check 'every header let run past 80 columns is one of its page, and too wide to fit' '
		grep -v "^#" "$T/wide-headers" | while read -r key header; do
			[ ${#header} -gt 75 ] || { echo "$key: can fit in 80 columns: $header"; exit 1; }
			found=0
			for p in "$MAN/$key" "$MAN/fr/$key"; do
				[ -f "$p" ] || continue
				grep -qF -- "$header" "$p" || { echo "${p#"$ROOT"/}: no longer has $header"; exit 1; }
				found=1
			done
			[ $found = 1 ] || { echo "$key: no such page"; exit 1; }
		done'
else
	echo "# neither mandoc nor man-db is installed: the 80 columns are" \
		"not checked (apt-get install mandoc)"
fi

# has_sections PAGE NAME,NAME...: every section .Sh NAME is in PAGE.
has_sections() {
	ok=0
	old_ifs=$IFS
	IFS=,
	for s in $2; do
		grep -qx "\\.Sh $s" "$1" || { echo "no .Sh $s"; ok=1; }
	done
	IFS=$old_ifs
	return $ok
}

for page in $(pages); do
	case $page in
	*.1) want='NAME,SYNOPSIS,DESCRIPTION,EXIT STATUS,FILES,EXAMPLES,SEE ALSO' ;;
	*)   want='NAME,DESCRIPTION,FILES,EXAMPLES,SEE ALSO' ;;
	esac
	check "${page#"$ROOT"/}: sections $want" '
		has_sections "'"$page"'" "'"$want"'"'
done

# ---- the overview ----

O=$MAN/man7/flashcoop.7

check 'flashcoop(7): SEE ALSO names every other page' '
	for p in $(pages); do
		[ "$p" = "'"$O"'" ] && continue
		n=${p##*/}; sec=${n##*.}; n=${n%.*}
		sed -n "/^\.Sh SEE ALSO/,/^\.Sh/p" "'"$O"'" |
			grep -qx "\.Xr $n $sec\( ,\)\{0,1\}" || { echo "no .Xr $n $sec"; exit 1; }
	done'

check 'flashcoop(7): tells each command with an example, in the order of the week' '
	for c in init enroll record check report close; do
		grep -n "^\\\$ flashcoop-$c " "'"$O"'" | head -n 1 | cut -d: -f1
	done >lines &&
	[ "$(wc -l <lines)" = 6 ] &&
	[ "$(grep -n "^\\\$ flashcoop-init " "'"$O"'" | head -n 1 | cut -d: -f1)" \
		-lt "$(grep -n "^\\\$ flashcoop-close --date" "'"$O"'" | head -n 1 | cut -d: -f1)" ] &&
	for k in "Day 0" "Day 1" "Every day" "Market day" "Every evening" \
	         "Last day" "After"; do
		grep -q "^\.Ss $k" "'"$O"'" || { echo "no .Ss $k"; exit 1; }
	done'

check 'flashcoop(7): every exit status of the commands, in a list' '
	for code in 0 64 65 66 73 74 75 77; do
		sed -n "/^\.Sh EXIT STATUS/,/^\.Sh/p" "'"$O"'" |
			grep -qx "\.It $code" || { echo "no .It $code"; exit 1; }
	done'

# Not a failure, a reminder: the other pages should point to the overview.
for page in $(pages); do
	[ "$page" = "$O" ] && continue
	sed -n '/^\.Sh SEE ALSO/,/^\.Sh/p' "$page" | grep -q '^\.Xr flashcoop 7' ||
		echo "# note: ${page#"$ROOT"/}: SEE ALSO does not name flashcoop(7)"
done

done_testing
