#!/bin/sh
# yearly-report.sh: the figures of every Flashcoop of a year, for the
# CAE's books and for its funders, rebuilt by cron.
#
# Copy it to ~/bin, then add to the crontab (crontab -e; cron's PATH is
# short, hence FLASHCOOP_BIN; a "%" must be written "\%" there):
#
#	# every night at 2:15, the running year so far
#	15 2 * * * FLASHCOOP_BIN=/usr/local/bin $HOME/bin/yearly-report.sh -o /srv/reports /srv/flashcoops
#	# on 2 January, the year just ended, once more with every project closed
#	30 2 2 1 * FLASHCOOP_BIN=/usr/local/bin $HOME/bin/yearly-report.sh -o /srv/reports /srv/flashcoops $(($(date +\%Y) - 1))
#
# Usage: yearly-report.sh [-o OUTDIR] [ROOT [YEAR]]
#
#   ROOT    the folder of the project folders, ~/flashcoops by default.
#           The projects are its subfolders (ROOT/FC-2026-LYON-01) and
#           their subfolders (ROOT/2026/FC-2026-LYON-01) that hold a
#           flashcoop.ini.
#   YEAR    the year, this year by default: a project belongs to the
#           year of the start date of its [flashcoop] section.
#   OUTDIR  where to write, ROOT/reports by default (made if missing).
#
# It writes, with flashcoop-report(1):
#
#   OUTDIR/YEAR-summary.csv   flashcoop-report summary --format csv: one
#                             row per project, then the total row;
#   OUTDIR/YEAR-funders.csv   flashcoop-report funders --format csv: the
#                             funders' indicators per project and in
#                             total, never a name.
#
# Each file is written beside its final name and renamed over it, so a
# reader never sees half a file.  Open projects are reported too, with
# the figures so far (status "open" in the summary).
#
# It prints nothing when all went well, so that cron sends no mail.
# Otherwise it says what went wrong on the standard error and exits:
#   1  a project could not be reported (bad data, busy): named on the
#      standard error, left out, the other projects are in the files
#      (flashcoop-report --keep-going);
#   64 usage; 66 no ROOT; 73 cannot write in OUTDIR; any other status
#      of flashcoop-report, and then the files are left as they were.
# A year without any project is no error: nothing is written.
#
# Environment: FLASHCOOP_BIN, the folder of the flashcoop commands, put
# first in $PATH (/usr/local/bin is always searched last).

me=yearly-report
PATH=${FLASHCOOP_BIN:+$FLASHCOOP_BIN:}$PATH:/usr/local/bin
export PATH

usage() {
	echo "usage: $me [-o OUTDIR] [ROOT [YEAR]]" >&2
	exit 64
}

out=
while getopts o:h opt; do
	case $opt in
	o)	out=$OPTARG ;;
	h)	echo "usage: $me [-o OUTDIR] [ROOT [YEAR]]"; exit 0 ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 2 ] || usage
root=${1:-${HOME:?}/flashcoops}
year=${2:-$(date +%Y)}
out=${out:-$root/reports}

case $year in
[0-9][0-9][0-9][0-9]) ;;
*)	echo "$me: '$year' is not a year like 2026" >&2; exit 64 ;;
esac
if [ ! -d "$root" ]; then
	echo "$me: $root: no such folder" >&2
	exit 66
fi
command -v flashcoop-report >/dev/null 2>&1 || {
	echo "$me: flashcoop-report not found: set FLASHCOOP_BIN" >&2
	exit 127
}

# start_year FILE: the year of "start" in the [flashcoop] section of a
# flashcoop.ini (keys and sections are case-insensitive, a value ends at
# ";" or "#", it may be quoted).
start_year() {
	awk '
	/^[ \t]*\[/ {
		s = tolower($0); sub(/[;#].*/, "", s); gsub(/[ \t]/, "", s)
		in_fc = (s == "[flashcoop]"); next
	}
	in_fc && tolower($0) ~ /^[ \t]*start[ \t]*=/ {
		v = $0; sub(/^[^=]*=[ \t]*["\047]?/, "", v)
		year = substr(v, 1, 4)
	}
	END { print year }' "$1"
}

# The projects of the year, as arguments.
set --
for ini in "$root"/*/flashcoop.ini "$root"/*/*/flashcoop.ini; do
	[ -f "$ini" ] || continue
	[ "$(start_year "$ini")" = "$year" ] || continue
	set -- "$@" "${ini%/flashcoop.ini}"
done
[ $# -gt 0 ] || exit 0

if ! mkdir -p "$out" 2>/dev/null || [ ! -w "$out" ]; then
	echo "$me: cannot write in $out" >&2
	exit 73
fi
errs=$(mktemp "${TMPDIR:-/tmp}/$me.XXXXXX") || exit 73
trap 'rm -f "$errs" "$out/.$year-summary.csv.$$" "$out/.$year-funders.csv.$$"' EXIT
trap 'exit 1' HUP INT TERM

status=0
for kind in summary funders; do
	file=$out/$year-$kind.csv
	tmp=$out/.$year-$kind.csv.$$
	flashcoop-report "$kind" --format csv --keep-going -- "$@" \
		>"$tmp" 2>"$errs"
	rc=$?
	# With --keep-going a project left out makes the exit status its
	# own, but the others are on stdout; nothing there is a failure.
	if [ "$rc" != 0 ] && [ ! -s "$tmp" ]; then
		cat "$errs" >&2
		echo "$me: $file not written (flashcoop-report exit $rc)" >&2
		exit "$rc"
	fi
	if ! mv -f "$tmp" "$file"; then
		echo "$me: cannot write $file" >&2
		exit 73
	fi
	# --keep-going: a project left out is named on the standard error
	# (once: the funders report leaves out the same ones).
	if [ "$rc" != 0 ] && [ "$status" = 0 ]; then
		cat "$errs" >&2
		status=1
	fi
done
[ "$status" = 0 ] ||
	echo "$me: the projects named above are left out of $out/$year-*.csv" >&2
exit "$status"
