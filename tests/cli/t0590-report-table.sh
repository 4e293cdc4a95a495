#!/bin/sh
# The table of reports (lib/reports.c) against what a user reads of it:
# flashcoop-report --help, the man pages' SYNOPSIS and list of reports
# (English and French), and the bash completion.  Each report's name, the
# values of --format it takes and the dimensions of its --by are read from
# the table itself, so that a report added there and not here (or the
# other way round) fails.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
TABLE=$ROOT/lib/reports.c
COMPLETION=$ROOT/completion/flashcoop.bash

# table: one line a report of lib/reports.c's reports[], in its order:
# "NAME<TAB>SHAPE<TAB>FORMATS<TAB>DIMS", formats and dimensions sorted
# and one space apart (DIM_VAT -> vat).  A field may go on over lines
# until one ends with ",".
table() {
	awk '
	/^const struct report_def reports\[\] = \{/ { on = 1; next }
	on && /^\};/ { out(); on = 0 }
	!on { next }
	/^\t\{$/ { out(); name = shape = formats = dims = ""; field = "" }
	{ line = $0 }
	field == "" && match(line, /^\t\t\.[a-z_]+ = /) {
		field = substr(line, RSTART + 3, RLENGTH - 6); line = substr(line, RLENGTH + 1); value = ""
	}
	field != "" {
		value = value " " line
		if (line !~ /,[ \t]*$/) next
		gsub(/^[ \t]+|,[ \t]*$/, "", value)
		if (field == "name" || field == "formats") gsub(/"/, "", value)
		if (field == "name") name = value
		else if (field == "shape") shape = value
		else if (field == "formats") formats = value
		else if (field == "dims") dims = value
		field = ""
	}
	function out(    n, d, i, s, w) {
		if (name == "") return
		s = ""
		while (match(dims, /DIM_[A-Z]+/)) {
			w = tolower(substr(dims, RSTART + 4, RLENGTH - 4))
			s = s " " w; dims = substr(dims, RSTART + RLENGTH)
		}
		printf "%s\t%s\t%s\t%s\n", name, shape, sorted(formats), sorted(s)
		name = ""
	}
	function sorted(s,    a, n, i, j, t, r) {
		n = split(s, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		r = ""
		for (i = 1; i <= n; i++) r = r (i > 1 ? " " : "") a[i]
		return r
	}' "$TABLE"
}

# names [SHAPE]: the reports' names (of one shape), sorted.
names() {
	table | awk -F '\t' -v shape="${1:-}" 'shape == "" || $2 == shape { print $1 }' |
		LC_ALL=C sort
}
# formats: "NAME FORMATS" a line, sorted; dims: "NAME DIMS".
formats() { table | awk -F '\t' '{ print $1 " " $3 }' | LC_ALL=C sort; }
dims() { table | awk -F '\t' '{ print $1 " " $4 }' | LC_ALL=C sort; }
# all_dims: every dimension of the table, sorted, one space apart.
all_dims() {
	table | cut -f 4 | tr ' ' '\n' | grep . | LC_ALL=C sort -u | tr '\n' ' ' |
		sed 's/ $//'
}
# words: the lines of stdin sorted, one space apart.
words() { LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }

# usage_forms: from flashcoop-report --help, "NAME FORMATS" for each
# report of each form of the command (a form names one, or a list
# [a|b|c]), formats sorted.
usage_forms() {
	flashcoop-report --help | awk '
	/^(usage: |       )flashcoop-report/ { out(); form = $0; next }
	/^DIM:/ { out(); next }
	{ l = $0; sub(/^ +/, "", l); form = form (form ~ /\|$/ ? "" : " ") l }
	END { out() }
	function out(    n, a, f, i, list, fmt) {
		if (form == "") return
		f = form; form = ""
		fmt = ""
		if (match(f, /--format [a-z]+(\|[a-z]+)*/))
			fmt = substr(f, RSTART + 9, RLENGTH - 9)
		list = ""
		if (match(f, /\[[a-z-]+(\|[a-z-]+)+\]/))
			list = substr(f, RSTART + 1, RLENGTH - 2)
		else if (match(f, /\[-C DIR\] [a-z]+/))
			list = substr(f, RSTART + 9, RLENGTH - 9)
		if (list == "") return
		n = split(list, a, "|")
		gsub(/\|/, " ", fmt)
		for (i = 1; i <= n; i++) print a[i] " " fmt
	}' | sort_formats
}
# sort_formats: "NAME F1 F2..." lines with the formats sorted.
sort_formats() {
	while read -r name rest; do
		echo "$name $(printf '%s\n' $rest | words)"
	done | LC_ALL=C sort
}

# man_forms PAGE: the same from the SYNOPSIS of a man page (a form starts
# at .Nm; its reports are the Cm words of ".Op Cm a | b" or ".Cm a", its
# formats the Cm words after "Fl -format").
man_forms() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$1" | awk '
	/^\.Nm/ { out(); on = 1; next }
	/^\.Pp/ { out(); on = 0; next }
	!on { next }
	/^\.Op Cm / || /^\.Cm / {
		s = $0; sub(/^\.(Op )?Cm /, "", s); gsub(/ \| /, " ", s); list = s
	}
	/Fl -format Cm / { s = $0; sub(/.*Fl -format Cm /, "", s); gsub(/ \| /, " ", s); fmt = s }
	END { out() }
	function out(    n, a, i) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) print a[i] " " fmt
		list = fmt = ""
	}' | sort_formats
}
# man_dims PAGE: the dimensions of DIM listed after the SYNOPSIS forms.
man_dims() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$1" | sed -n '/^\.Pp/,$p' |
		sed -n 's/^\.Cm \([a-z]*\) [,.]$/\1/p' | words
}
# man_list PAGE SECTION: the items (.It Cm NAME) of the first list of
# subsection SECTION, not those of the lists nested in it.
man_list() {
	awk -v sec="$2" '
	/^\.Ss / { on = (substr($0, 5) == sec) }
	!on { next }
	/^\.Bl/ { depth++; next }
	/^\.El/ { if (--depth == 0) exit; next }
	depth == 1 && /^\.It Cm [a-z_-]+$/ { print $3 }' "$1" | words
}

# comp WORD...: the candidates bash completion offers for the last WORD,
# one a line (COMP_WORDS and COMP_CWORD set by hand), in an empty folder.
cat >"$T/comp.bash" <<'EOF'
. "$COMPLETION" || exit 1
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_flashcoop "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
comp() {
	mkdir -p "$T/empty" &&
	(cd "$T/empty" && COMPLETION=$COMPLETION bash "$T/comp.bash" "$@")
}

check 'the table: every entry read, one name each, the first the default' '
	table >got && cat got &&
	[ "$(wc -l <got)" -ge 3 ] &&
	[ "$(wc -l <got)" = "$(sed -n "/^const struct report_def reports/,/^};/p" "$TABLE" |
		grep -c "^	{$")" ] &&
	[ "$(cut -f 1 got | sort | uniq -d)" = "" ] &&
	[ "$(head -n 1 got | cut -f 1)" = summary ]'

check 'flashcoop-report makes every report of the table, in its first format' '
	new_project p && cd p &&
	table | while IFS="	" read -r name shape formats dims; do
		# the labels are of a lot: a new project has none (65, said)
		if [ "$shape" = REPORT_LABELS ] || [ "$name" = trace ]; then
			flashcoop-report "$name" --lot L00001 --format "${formats%% *}" \
				>/dev/null 2>err
			[ $? = 65 ] && grep -q "no lot L00001" err ||
				{ echo "$name: not refused as it should"; cat err; exit 1; }
			continue
		fi
		flashcoop-report "$name" --format "${formats%% *}" >/dev/null 2>err ||
			{ echo "$name: exit $?"; cat err; exit 1; }
	done'

check '--help: the reports and the formats of each are the table'"'"'s' '
	same "$(formats)" "$(usage_forms)"'

check '--help: DIM is every dimension of the table' '
	got=$(flashcoop-report --help | sed -n "s/^DIM: //p" | tr -d , | tr " " "\n" | words) &&
	same "$(all_dims)" "$got"'

for page in "$ROOT/man/man1/flashcoop-report.1" "$ROOT/man/fr/man1/flashcoop-report.1"; do
	short=${page#"$ROOT"/}
	check "$short: SYNOPSIS names the reports of the table, with their formats" '
		same "$(formats)" "$(man_forms "$page")"'
	check "$short: SYNOPSIS lists every dimension of the table" '
		same "$(all_dims)" "$(man_dims "$page")"'
done

check 'man pages: the list of reports holds the table'"'"'s reports of shape REPORT_TABLE' '
	want=$(names REPORT_TABLE | words) &&
	same "$want" "$(man_list "$ROOT/man/man1/flashcoop-report.1" Reports)" &&
	same "$want" "$(man_list "$ROOT/man/fr/man1/flashcoop-report.1" Rapports)"'

if ! command -v bash >/dev/null 2>&1; then
	echo "# bash is not installed: the completion checks are skipped"
	done_testing
	exit
fi

check 'completion: the first word is any report of the table' '
	want=$(names | words) &&
	same "$want" "$(comp flashcoop-report "" | words)"'

check 'completion: --format offers the formats of each report' '
	got=$(table | while IFS="	" read -r name shape formats dims; do
		echo "$name $(comp flashcoop-report "$name" --format "" | words)"
	done | LC_ALL=C sort) &&
	same "$(formats)" "$got"'

check 'completion: --by offers the dimensions of each report' '
	got=$(table | while IFS="	" read -r name shape formats dims; do
		echo "$name $(comp flashcoop-report "$name" --by "" | words)"
	done | LC_ALL=C sort) &&
	same "$(dims)" "$got"'

done_testing
