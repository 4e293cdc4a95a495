# Helpers for the command tests, sourced by each tests/cli/t*.sh.
# A test file calls `check 'what' 'shell code'` for each case, then `done_testing`.
# FLASHCOOP_BIN is the folder of the built commands; every test runs in a
# fresh temporary folder ($T) that is removed at the end.
#
# Every helper is defined here once, with one meaning; a test file defines
# only what is its own (a helper no other file needs).  The last command a
# helper runs leaves its stdout in $T/.stdout and its stderr in $T/.err,
# which said, said_text and out read.  In short:
#   check, skip, done_testing   TAP
#   exits CODE cmd              exit status CODE
#   fails CODE cmd              CODE, nothing on stdout, "cmd: why" on stderr
#   refuses CODE PATH cmd       fails, and PATH byte for byte (or absent)
#   unchanged DIR cmd           any failure, and DIR byte for byte
#   said PATTERN, out PATTERN   stderr, stdout match (grep -E)
#   said_text TEXT              stderr holds TEXT (grep -F)
#   holds / lacks FILE TEXT     FILE holds TEXT (grep -F) / not in any case
#   same WANT GOT               equal strings
#   snapshot PATH, sums DIR     modes and checksums / checksums of files
#   gapfree LETTER FILE...      ids LETTER00001.. each once
#   set_ini KEY VALUE [DIR]     a key of flashcoop.ini
#   new_project, fresh, rec     a project, a folder per check, record in p
#   catalogue_project, full_week, closed_week, known_projects: fixtures
#   report EXPECTED args, both args: flashcoop-report's output

set -u
PATH="$FLASHCOOP_BIN:$PATH"
export PATH
unset FLASHCOOP_DIR LANGUAGE
# Messages in English, whatever the tester's locale (the French ones have
# their own test, which sets its locale).
LC_ALL=C.UTF-8
export LC_ALL
export FLASHCOOP_LOCK_TIMEOUT=1
T=$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-test.XXXXXX")
# The terminals' keys go to the test's own configuration folder.
XDG_CONFIG_HOME=$T/config
export XDG_CONFIG_HOME
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
ntest=0
nfail=0

# ---- the test harness (TAP) ----

# check 'description' 'commands': passes when the commands exit 0.
check() {
	ntest=$((ntest + 1))
	if (eval "$2") >"$T/.out" 2>&1; then
		echo "ok $ntest - $1"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $1"
		sed 's/^/# /' "$T/.out"
	fi
}

# skip 'description' WHY: a check that cannot run here, counted as passed
# (TAP SKIP).
skip() {
	ntest=$((ntest + 1))
	echo "ok $ntest - $1 # SKIP $2"
}

done_testing() {
	echo "1..$ntest"
	[ "$nfail" = 0 ]
}

# ---- running a command ----

# exits CODE command...: the command exits with CODE (its stderr is kept in
# $T/.err, its stdout in $T/.stdout).
exits() {
	want=$1
	shift
	"$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got: $*"
		cat "$T/.err"
		return 1
	fi
}

# fails CODE command...: the command exits CODE, prints nothing on stdout,
# and says why on stderr in a message that starts with the command's name
# and a colon ("flashcoop-record: ..."): on the first line, or after the
# problems it lists, each starting with FILE: or FILE:LINE: (a .csv, .ini
# or .commit file), as flashcoop-close does before "flashcoop-close: 2
# problems found".
fails() {
	exits "$@" || return 1
	shift
	if [ -s "$T/.stdout" ]; then
		echo "stdout is not empty after a refusal: $*"
		cat "$T/.stdout"
		return 1
	fi
	awk -v name="${1##*/}: " '
	index($0, name) == 1 && length($0) > length(name) { ok = 1; exit }
	!/^.+\.(csv|ini|commit)(:[0-9]+)?: / { exit }
	END { exit !ok }' "$T/.err" && return 0
	echo "stderr does not start with '${1##*/}: ' (after FILE:LINE: problems): $*"
	cat "$T/.err"
	return 1
}

# refuses CODE PATH command...: the command, run once, fails CODE (see
# fails) and leaves PATH as it was: every file byte for byte, modes
# included, or still absent (see snapshot).
refuses() {
	rcode=$1 rpath=$2
	shift 2
	rbefore=$(snapshot "$rpath")
	fails "$rcode" "$@" || return 1
	rafter=$(snapshot "$rpath")
	[ "$rbefore" = "$rafter" ] && return 0
	echo "a refused command changed $rpath: $*"
	echo "before:"; echo "$rbefore"
	echo "after:"; echo "$rafter"
	return 1
}

# unchanged DIR command...: the command fails, whatever its exit status,
# and leaves DIR byte for byte (for refusals whose status another check
# gives).
unchanged() {
	dir=$1
	shift
	before=$(snapshot "$dir")
	if "$@" >"$T/.stdout" 2>"$T/.err"; then
		echo "expected a refusal: $*"
		return 1
	fi
	after=$(snapshot "$dir")
	if [ "$before" != "$after" ]; then
		echo "files changed by a refused command: $*"
		return 1
	fi
}

# ---- what a command printed, what a file holds ----

# said PATTERN: the last command's stderr ($T/.err) matches PATTERN, an
# extended regular expression (grep -E), case included.
said() {
	grep -Eq -- "$1" "$T/.err" && return 0
	echo "stderr does not match '$1':"
	cat "$T/.err"
	return 1
}

# said_text TEXT: the last command's stderr ($T/.err) holds TEXT as it is,
# a fixed string (grep -F): for file names, dots and brackets.
said_text() {
	grep -Fq -- "$1" "$T/.err" && return 0
	echo "stderr does not say '$1':"
	cat "$T/.err"
	return 1
}

# out PATTERN: the last command's stdout ($T/.stdout) matches PATTERN, an
# extended regular expression (grep -E), case included.
out() {
	grep -Eq -- "$1" "$T/.stdout" && return 0
	echo "stdout does not match '$1':"
	cat "$T/.stdout"
	return 1
}

# holds FILE TEXT: FILE holds TEXT, a fixed string, case included.
holds() {
	grep -qF -- "$2" "$1" && return 0
	echo "$1 does not hold '$2':"
	head -n 40 "$1"
	return 1
}

# lacks FILE TEXT: FILE does not hold TEXT, a fixed string, in any case
# ("<script" and "<SCRIPT" alike).
lacks() {
	grep -qiF -- "$2" "$1" || return 0
	echo "$1 holds '$2':"
	grep -inF -- "$2" "$1" | head -n 3
	return 1
}

# same WANT GOT: equal, or both shown.
same() {
	[ "$1" = "$2" ] && return 0
	echo "expected:"; printf '%s\n' "$1"
	echo "got:"; printf '%s\n' "$2"
	return 1
}

# ---- files and folders ----

# snapshot PATH: a listing of every file under PATH with its mode and
# checksum (the lock left out), to compare before and after a refused
# command; "absent" when there is nothing at PATH.
snapshot() {
	[ -e "$1" ] || { echo absent; return 0; }
	(cd "$1" && find . -type f ! -name .lock | LC_ALL=C sort |
	 while read -r f; do
		printf '%s %s\n' "$(stat -c %a "$f")" "$(sha256sum <"$f")  $f"
	 done)
}

# sums DIR: the SHA-256 of every file under DIR, the lock included (a
# folder beside the project, which no command may touch).
sums() {
	(cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum)
}

# gapfree LETTER FILE...: the ids of that letter in the files are
# LETTER00001 up to their count, each once.
gapfree() {
	gl=$1
	shift
	cut -d, -f1 "$@" | grep "^$gl" | LC_ALL=C sort >"$T/.ids"
	gn=$(wc -l <"$T/.ids")
	[ "$gn" -gt 0 ] || { echo "no $gl id in $*"; return 1; }
	seq -f "$gl%05g" 1 "$gn" | cmp -s - "$T/.ids" && return 0
	echo "$gl ids are not $gl""00001..$gn once each in $*:"
	cat "$T/.ids"
	return 1
}

# set_ini KEY VALUE [DIR]: "KEY = VALUE" in place of KEY's line in
# DIR/flashcoop.ini (default p), the file rewritten in place (same inode
# and mode).
set_ini() {
	sed "s/^$1 *=.*/$1 = $2/" "${3:-p}/flashcoop.ini" >"$T/.ini" &&
	cat "$T/.ini" >"${3:-p}/flashcoop.ini"
}

# ---- projects ----

# new_project [DIR]: a project with the usual settings, in DIR (default p):
# "Test Flashcoop", FC-TEST, 2026-05-04 to 2026-05-13, nobody enrolled.
new_project() {
	flashcoop-init "${1:-p}" --name "Test Flashcoop" --id FC-TEST \
		--start 2026-05-04 --end 2026-05-13 >/dev/null
}

# fresh: each check in a folder of its own.
fresh() {
	mkdir "$T/c$ntest" && cd "$T/c$ntest"
}

# rec ARGS...: flashcoop-record on the project p.
rec() {
	flashcoop-record -C p "$@"
}

# fixture NAME [DIR]: a copy of the fixture NAME as the folder DIR (default
# p), modes kept; when DIR is a folder already (".": the top of a git
# repository), the fixture's files are copied into it.  The fixture is
# built once per test file, by build_NAME, in $T/.fixtures/NAME; a fixture
# that cannot be built fails every check that asks for it, with the
# builder's messages.
fixture() {
	fx=$T/.fixtures/$1
	if [ ! -d "$fx" ]; then
		mkdir -p "$T/.fixtures" && rm -rf "$fx.tmp" &&
		("build_$1" "$fx.tmp") >"$fx.log" 2>&1 &&
		mv "$fx.tmp" "$fx" || {
			echo "cannot build the fixture $1:"
			cat "$fx.log"
			return 1
		}
	fi
	if [ -d "${2:-p}" ]; then
		cp -Rp "$fx/." "$2"
	else
		cp -Rp "$fx" "${2:-p}"
	fi
	# A copy is no terminal until it says so; a closed project writes
	# nothing.
	adopt "${2:-p}"
}

# plain FILE...: the rows of ledger.csv or hours.csv without the chain's
# columns (terminal, recorded_at, chain: a time and a hash no test can
# know beforehand), the header too.
plain() {
	sed -E 's/,(terminal,recorded_at,chain|[a-z][a-z0-9-]{0,11},[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2},[0-9a-f]{64})$//' "$@"
}

# rechain DIR: what a forger does after a hand edit of ledger.csv or
# hours.csv: each row without the chain's columns gets them (terminal
# main, a fixed time; an empty vat_amount or role first, see
# vat_amount_col and role_col), every chain is computed anew (SPEC §5),
# and the daily closings are dropped from days.csv (their heads and
# figures would name the edit too), so that a planted fault is the only
# one check names.
# A file whose last line has no newline is left as it is.
rechain() {
	[ ! -f "$1/days.csv" ] || { head -n 1 "$1/days.csv" >"$1/days.csv.rechain" &&
		cat "$1/days.csv.rechain" >"$1/days.csv" && rm -f "$1/days.csv.rechain"; }
	for _f in "$1/ledger.csv" "$1/hours.csv"; do
		[ "$(tail -c 1 "$_f" | od -An -c | tr -d ' ')" = '\n' ] || continue
		{
			IFS= read -r _row && printf '%s\n' "$_row"
			while IFS= read -r _row; do
				if printf '%s\n' "$_row" | grep -Eq \
					',[a-z][a-z0-9-]*,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9:]{5},[0-9a-f]{64}$'
				then
					_line=${_row%,*}
				else
					_line="$(role_col "$_f" "$(vat_amount_col "$_f" "$_row")"),main,2026-05-09T12:00:00+02:00"
				fi
				_t=${_line%,*}
				_t=$(printf '%s' "${_t##*,}" | tr - _)
				eval "_prev=\${_prev_$_t:-$(printf '%064d' 0)}"
				_c=$(printf '%s\n%s' "$_prev" "$_line" | sha256sum | cut -c 1-64)
				eval "_prev_$_t=$_c"
				printf '%s,%s\n' "$_line" "$_c"
			done
		} <"$_f" >"$_f.rechain" && cat "$_f.rechain" >"$_f" && rm -f "$_f.rechain"
		for _v in $(set | sed -n 's/^\(_prev_[a-z0-9_]*\)=.*/\1/p'); do
			unset "$_v"
		done
	done
}

# vat_amount_col FILE ROW: a planted row of SPEC §2's 13 columns, or of
# those and vat_amount, as a ledger.csv with vat_amount (the books) and
# lot (the production) holds it: the columns it lacks empty.  Other rows,
# and rows of hours.csv, as they are.
vat_amount_col() {
	case $1 in *ledger.csv) ;; *) printf '%s' "$2"; return ;; esac
	case $(head -n 1 "$1") in
	*,note,vat_amount,lot*) _want=14 ;;
	*,note,vat_amount*) _want=13 ;;
	*) _want=12 ;;
	esac
	_s=$2
	_n=$(printf '%s' "$2" | sed 's/"[^"]*"//g' | tr -cd , | wc -c)
	while [ "$_n" -ge 12 ] && [ "$_n" -lt "$_want" ]; do
		_s="$_s," _n=$((_n + 1))
	done
	printf '%s' "$_s"
}

# role_col FILE ROW: a planted row of hours.csv's 7 columns before the
# role (id to note), as an hours.csv with role (flashcoop-record --role)
# holds it: that column empty.  Other rows (8 fields: the role given; or
# ragged ones), and rows of ledger.csv, as they are.
role_col() {
	case $1 in *hours.csv) ;; *) printf '%s' "$2"; return ;; esac
	if head -n 1 "$1" | grep -q ',note,role' &&
		[ "$(printf '%s' "$2" | sed 's/"[^"]*"//g' | tr -cd , | wc -c)" = 6 ]
	then
		printf '%s,' "$2"
	else
		printf '%s' "$2"
	fi
}

# chained FILE ROW: ROW (the fields of our columns) as terminal main would
# append it to FILE: its terminal, a fixed time and its chain after main's
# last row there.
chained() {
	_prev=$(sed -n 's/^.*,main,[0-9T:+-]*,\([0-9a-f]\{64\}\)$/\1/p' "$1" | tail -n 1)
	_line="$(role_col "$1" "$(vat_amount_col "$1" "$2")"),main,2026-05-09T12:00:00+02:00"
	printf '%s,%s\n' "$_line" "$(printf '%s\n%s' "${_prev:-$(printf '%064d' 0)}" \
		"$_line" | sha256sum | cut -c 1-64)"
}

# unclose DIR: days.csv back to its header, the daily closings gone (so
# that a test may add rows to a day the full week closed).
unclose() {
	head -n 1 "$1/days.csv" >"$1/days.csv.unclose" &&
	cat "$1/days.csv.unclose" >"$1/days.csv" && rm -f "$1/days.csv.unclose"
}

# adopt DIR: a copy of a project (cp) made this copy's terminal again
# (its key is here: it takes the first terminal's name back).
adopt() {
	flashcoop-init -C "$1" --terminal main >/dev/null 2>&1 || :
}

# catalogue_project [DIR]: a project (new_project) with a catalogue and two
# participants, as DIR (default p; see fixture):
#   cookie 2.50 and Biscuit-Apero 3.00 at 5.5 %, sac-vrac 8.00 at 20 %
#   P001 Ada (CAPE-1) from 2026-05-04, withdrawn on 2026-05-10 ("job")
#   P002 Bob (CAPE-2) from 2026-05-06
# Nothing recorded yet.
catalogue_project() {
	fixture catalogue "${1:-p}"
}
build_catalogue() {
	new_project "$1" &&
	printf '%s\n' "cookie        = 2.50, 5.5" "Biscuit-Apero = 3.00, 5.5" \
		"sac-vrac      = 8.00, 20" >>"$1/flashcoop.ini" &&
	flashcoop-enroll -C "$1" Ada --contract CAPE-1 --date 2026-05-04 &&
	flashcoop-enroll -C "$1" Bob --contract CAPE-2 --date 2026-05-06 &&
	flashcoop-enroll -C "$1" --withdraw P001 --date 2026-05-10 --reason job
}

# full_week [DIR]: a full week (new_project), open, as DIR (default p; see
# fixture):
#   P001 Ada      7 h on 2026-05-05, sold the cookies
#   P002 Bruno    3.5 h on 2026-05-05, withdrawn on 2026-05-06 ("a job")
#   P003 Chloé    4 h on 2026-05-05, voided: no hours
#   P004 "Lefèvre, Dan"  enrolled, never worked
#   catalogue: cookie 2.50 at 5.5 %, sac-vrac 8.00 at 20 %
#   ledger.csv                          hours.csv
#   1 header                            1 header
#   2 C00001 05-05 12.00 ingredients    2 H00001 P001 7 h   2026-05-05
#          at 5.5 %, ref F-001,         3 H00002 P002 3.5 h 2026-05-05
#          note Biocoop                 4 H00003 P003 4 h   2026-05-05
#   3 C00002 05-05 6.00 packaging       5 V00001 voids H00003
#          at 20 %, card                       ("Chloé was ill")
#   on the market day, 2026-05-09:
#   4 S00001 10 cookies 25.00, by P001
#   5 S00002 3 bags 24.00, card
#   6 S00003 4 cookies 10.00
#   7 V00002 voids S00003 ("typed twice")
#   8 K00001 the drawer counted 75.00 (note Ada)
#   days.csv: Z00001, 2026-05-09 closed (so no money row of that day may
#   be added)
full_week() {
	fixture full_week "${1:-p}"
}
build_full_week() {
	new_project "$1" &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' >>"$1/flashcoop.ini" &&
	(
	cd "$1" &&
	flashcoop-enroll Ada --contract CAPE-01 --date 2026-05-04 &&
	flashcoop-enroll Bruno --contract CAPE-02 --date 2026-05-04 &&
	flashcoop-enroll Chloé --contract CAPE-03 --date 2026-05-04 &&
	flashcoop-enroll "Lefèvre, Dan" --contract CAPE-04 --date 2026-05-04 &&
	flashcoop-record charge --amount 12.00 --category ingredients \
		--vat 5.5 --date 2026-05-05 --ref F-001 --note "Biocoop" &&
	flashcoop-record charge --amount 6,00 --category packaging --vat 20 \
		--date 2026-05-05 --payment card &&
	flashcoop-record hours --participant P001 --hours 7 --date 2026-05-05 &&
	flashcoop-record hours --participant P002 --hours 3.5 \
		--date 2026-05-05 &&
	flashcoop-record hours --participant P003 --hours 4 --date 2026-05-05 &&
	flashcoop-record void H00003 --reason "Chloé was ill" &&
	flashcoop-enroll --withdraw P002 --date 2026-05-06 --reason "a job" &&
	flashcoop-record sale --product cookie --qty 10 --by P001 \
		--date 2026-05-09 &&
	flashcoop-record sale --product sac-vrac --qty 3 --payment card \
		--date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 4 --date 2026-05-09 &&
	flashcoop-record void S00003 --reason "typed twice" &&
	flashcoop-record count --amount 75.00 --date 2026-05-09 --note Ada &&
	flashcoop-close --day 2026-05-09 >/dev/null
	) &&
	same V00002,void,S00003 "$(sed -n 7p "$1/ledger.csv" | cut -d, -f1,3,12)" &&
	same V00001,void,H00003 "$(sed -n 5p "$1/hours.csv" | cut -d, -f1,3,6)"
}

# closed_week [DIR]: the full week, closed on 2026-05-13, as DIR (default
# p; see fixture).
closed_week() {
	fixture closed_week "${1:-p}"
}
build_closed_week() {
	full_week "$1" && flashcoop-close -C "$1" --date 2026-05-13 &&
	[ -f "$1/closing.ini" ]
}

# ---- the report tests (t05*) ----

# known_projects: the two projects every report is checked on, built once
# per file in the current folder ($T), p and q; the ids p's commands
# printed, in order, in $T/ids.  When they cannot be built, a failed check
# and the test file stops (Bail out!).
#
# FC-TEST (folder p), 2026-05-04 to 2026-05-13, VAT yes, CAE 10% of the
# margin.  Catalogue: cookie 2.50 at 5.5%, @sac 8.00 at 20%.
#
# P001 Alice Martin  F 2000 (26: 26-35)     unemployed  Mission Locale
# P002 Bruno Durand  M 2008 (18: 18-25)     student     =cmd|calc
# P003 Chloé Petit   F 1975 (51: 50+)       RSA         France Travail
# P004 David Leroy   - 2010 (16: under 18)  -           -    withdrawn 05-06
#
# sales                                    5.5%      20%
# S1 05-07 cookie  4 cash   P001          10.00
# S2 05-07 @sac    1 card   P002                     8.00
# S3 05-08 cookie 10 card   P001          25.00
# S4 05-08 cookie  2 cash   P003           5.00     (note "=cmd…")
# S5 05-09 @sac    3 cheque P003                    24.00
# S6 05-09 cookie  6 cash   -             15.00
# S7 05-09 cookie  1 transfer P002         2.50  voided (V00001)
#                                         55.00     32.00   = 87.00
# before VAT, per rate on the totals: 5500/1.055 = 5213.27 -> 52.13,
# 3200/1.2 = 2666.67 -> 26.67: turnover 78.80, VAT collected 8.20.
#
# charges C1 05-05 ingredients 36.90 at 5.5 card  -> 34.98 + 1.92
#         C2 05-05 -stand      30.00 at 20  cash  -> 25.00 + 5.00
#         C3 05-06 packaging   12.00 at 20  transfer
#         at 20%: 42.00 -> 35.00 + 7.00; charges 69.98, VAT 8.92
# margin 78.80 - 69.98 = 8.82; contribution 0.88; distributable 7.94.
# counts K1 05-07 30.00, K2 05-08 35.00, K3 05-09 50.00
#
# hours P001 05-05 7, 05-07 6.5, 05-08 7 = 20.50
#       P002 05-05 7, 05-07 7.25        = 14.25
#       P003 05-07 5, 05-08 3 (voided)  =  5.00
#       P004 05-05 4                    =  4.00      total 43.75
#
# FC-B (folder q), closed, a loss: one sale of 10.00 at 20% (8.33 + 1.67),
# one charge of 50.00 at 20% (41.67 + 8.33): margin -33.34, nothing to
# pay.  P001 Eve Moreau F 1990 (36: 36-49) unemployed Mission Locale, 6 h.
known_projects() {
	known_p >"$T/ids" 2>"$T/.build" && known_q >/dev/null 2>>"$T/.build" &&
		return 0
	ntest=$((ntest + 1))
	echo "not ok $ntest - the known projects p and q are built"
	sed 's/^/# /' "$T/.build"
	echo "Bail out! cannot build the known projects"
	exit 1
}
# known_p, known_q: the two projects of known_projects.
known_p() {
	flashcoop-init p --name "Test Flashcoop" --id FC-TEST \
		--start 2026-05-04 --end 2026-05-13 >/dev/null &&
	printf 'cookie = 2.50, 5.5\n@sac = 8.00, 20\n' >>p/flashcoop.ini &&
	E="flashcoop-enroll -C p" &&
	$E "Alice Martin" --contract CAPE-ALICE --date 2026-05-04 --gender F \
		--birth-year 2000 --status unemployed \
		--referrer "Mission Locale" >/dev/null &&
	$E "Bruno Durand" --contract CAPE-BRUNO --date 2026-05-04 --gender M \
		--birth-year 2008 --status student --referrer "=cmd|calc" >/dev/null &&
	$E "Chloé Petit" --contract CAPE-CHLOE --date 2026-05-04 --gender F \
		--birth-year 1975 --status RSA --referrer "France Travail" >/dev/null &&
	$E "David Leroy" --contract CAPE-DAVID --date 2026-05-04 \
		--birth-year 2010 >/dev/null &&
	$E --withdraw P004 --date 2026-05-06 --reason "moved away" &&
	R="flashcoop-record -C p" &&
	$R sale --product cookie --qty 4 --by P001 --date 2026-05-07 &&
	$R sale --product @sac --qty 1 --payment card --by P002 \
		--date 2026-05-07 &&
	$R sale --product cookie --qty 10 --payment card --by P001 \
		--date 2026-05-08 &&
	$R sale --product cookie --qty 2 --by P003 --date 2026-05-08 \
		--note "=cmd|' /C calc'!A0" &&
	$R sale --product @sac --qty 3 --payment cheque --by P003 \
		--date 2026-05-09 &&
	$R sale --product cookie --qty 6 --date 2026-05-09 &&
	$R sale --product cookie --qty 1 --payment transfer --by P002 \
		--date 2026-05-09 &&
	$R void S00007 --reason "keyed by mistake" &&
	$R charge --amount 36.90 --category ingredients --vat 5.5 \
		--payment card --date 2026-05-05 --note "=HYPERLINK(1)" &&
	$R charge --amount 30.00 --category -stand --vat 20 --payment cash \
		--date 2026-05-05 &&
	$R charge --amount 12.00 --category packaging --vat 20 \
		--payment transfer --date 2026-05-06 &&
	$R count --amount 30.00 --date 2026-05-07 --note Alice &&
	$R count --amount 35.00 --date 2026-05-08 --note Alice &&
	$R count --amount 50.00 --date 2026-05-09 --note Chloé &&
	$R hours --participant P001 --hours 7 --date 2026-05-05 &&
	$R hours --participant P001 --hours 6.5 --date 2026-05-07 &&
	$R hours --participant P001 --hours 7 --date 2026-05-08 &&
	$R hours --participant P002 --hours 7 --date 2026-05-05 &&
	$R hours --participant P002 --hours 7.25 --date 2026-05-07 &&
	$R hours --participant P003 --hours 5 --date 2026-05-07 &&
	$R hours --participant P003 --hours 3 --date 2026-05-08 &&
	$R hours --participant P004 --hours 4 --date 2026-05-05 &&
	$R void H00007 --reason "counted twice"
}
known_q() {
	flashcoop-init q --name "Flashcoop B" --id FC-B --start 2026-06-01 \
		--days 7 >/dev/null &&
	flashcoop-enroll -C q "Eve Moreau" --contract CAPE-EVE \
		--date 2026-06-01 --gender F --birth-year 1990 --status unemployed \
		--referrer "Mission Locale" >/dev/null &&
	flashcoop-record -C q sale --product jam --qty 2 --price 5.00 --vat 20 \
		--payment card --by P001 --date 2026-06-02 &&
	flashcoop-record -C q charge --amount 50.00 --category stand --vat 20 \
		--payment card --date 2026-06-01 &&
	flashcoop-record -C q hours --participant P001 --hours 6 \
		--date 2026-06-02 &&
	flashcoop-close -C q --day 2026-06-02 &&
	flashcoop-close -C q --date 2026-06-08
}

# report EXPECTED args...: flashcoop-report args exits 0, says nothing on
# stderr, and prints exactly the file EXPECTED (its stdout kept in $T/.got).
report() {
	want=$1
	shift
	flashcoop-report "$@" >"$T/.got" 2>"$T/.err" || {
		echo "flashcoop-report $* failed ($?):"
		cat "$T/.err"
		return 1
	}
	if [ -s "$T/.err" ]; then
		echo "flashcoop-report $*: stderr is not empty:"
		cat "$T/.err"
		return 1
	fi
	diff -u "$want" "$T/.got" || { echo "(flashcoop-report $*)"; return 1; }
}

# both args...: flashcoop-report args as CSV into $T/r.csv and as JSON
# into $T/r.json.
both() {
	flashcoop-report "$@" --format csv >"$T/r.csv" &&
	flashcoop-report "$@" --format json >"$T/r.json"
}

# ==== the books: helpers and fixtures of t0600-entries.sh and
# t0610-books.sh (every figure worked out by hand there) ====

# Rows recorded by the commands are validated today (their recorded_at);
# the project's period is in May 2026.
TODAY=$(date +%Y-%m-%d)
TODAY8=$(date +%Y%m%d)

# entries FILE args...: flashcoop-report entries args exits 0 with nothing
# on stderr, its stdout in FILE.
entries() {
	eout=$1
	shift
	flashcoop-report entries "$@" >"$eout" 2>"$T/.err" || {
		echo "flashcoop-report entries $* failed ($?):"
		cat "$T/.err"
		return 1
	}
	[ ! -s "$T/.err" ] && return 0
	echo "flashcoop-report entries $*: stderr is not empty:"
	cat "$T/.err"
	return 1
}

# rep FILE args...: flashcoop-report args exits 0, nothing on stderr.
rep() {
	rout=$1
	shift
	flashcoop-report "$@" >"$rout" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
		return 0
	echo "flashcoop-report $* failed or spoke:"
	cat "$T/.err"
	return 1
}

# An awk function: an amount ("57.48", "-1,50", "12") in integer cents.
CENTS='function cents(s,   neg, a, v) {
	neg = sub(/^-/, "", s)
	gsub(/,/, ".", s)
	split(s, a, ".")
	v = a[1] * 100 + substr(a[2] "00", 1, 2)
	return neg ? -v : v
}'

# fec_layout FILE [PREFIX]: the FEC's shape and the DGFiP's checks: one
# header line first, 18 tab-separated columns, dates YYYYMMDD, PieceDate =
# EcritureDate, the unused columns empty, amounts with a decimal comma and
# exactly one of Debit and Credit not zero; EcritureNum is JJ00001 (never
# prefixed); one journal, date, piece and ValidDate per EcritureNum; each
# journal numbered 1, 2, 3... in the order of the file, without a gap, over
# the whole file; ValidDate (column 16) never goes back; with PREFIX, each
# PieceRef starts with one of the prefixes (a space-separated list).
fec_layout() {
	awk -F'\t' -v pre="${2:-}" '
	function bad(m) { print FILENAME ":" NR ": " m; err = 1 }
	BEGIN {
		H = "JournalCode JournalLib EcritureNum EcritureDate CompteNum " \
		    "CompteLib CompAuxNum CompAuxLib PieceRef PieceDate " \
		    "EcritureLib Debit Credit EcritureLet DateLet ValidDate " \
		    "Montantdevise Idevise"
		lib["VT"] = "Ventes"; lib["AC"] = "Achats"; lib["CA"] = "Caisse"
		lib["BQ"] = "Banque"; lib["OD"] = "Opérations diverses"
		D8 = "^20[0-9][0-9][01][0-9][0-3][0-9]$"
		AM = "^[0-9]+,[0-9][0-9]$"
		np = split(pre, px, " ")
	}
	NR == 1 {
		h = $0; gsub(/\t/, " ", h)
		if (h != H || NF != 18) bad("not the FEC header: " $0)
		next
	}
	/^JournalCode\t/ { bad("a second header line"); next }
	{
		if (NF != 18) bad(NF " columns, not 18")
		if (!($1 in lib) || $2 != lib[$1]) bad("journal " $1 " " $2)
		if ($4 !~ D8 || $16 !~ D8) bad("dates " $4 " " $16)
		if ($10 != $4) bad("PieceDate " $10 " is not EcritureDate " $4)
		if ($5 !~ /^[1-9][0-9]*$/) bad("CompteNum " $5)
		if ($6 == "" || $9 == "" || $11 == "") bad("an empty field")
		if ($7 $8 $14 $15 $17 $18 != "") bad("an unused column is not empty")
		if ($12 !~ AM || $13 !~ AM) bad("amounts " $12 " " $13)
		if (($12 == "0,00") == ($13 == "0,00")) bad("debit and credit " $12 " " $13)
		if ($3 !~ "^" $1 "[0-9][0-9][0-9][0-9][0-9]$") bad("EcritureNum " $3)
		if ($16 < last) bad("ValidDate " $16 " after " last)
		last = $16
		if (np) {
			ok = 0
			for (i = 1; i <= np; i++)
				if (substr($9, 1, length(px[i])) == px[i]) ok = 1
			if (!ok) bad("PieceRef " $9 " has no prefix")
		}
		if ($3 in jn) {
			if (jn[$3] != $1 || dt[$3] != $4 || pc[$3] != $9 || vd[$3] != $16)
				bad("entry " $3 " changes journal, date, piece or ValidDate")
			if (prev != $3) bad("entry " $3 " is not on consecutive lines")
		} else {
			jn[$3] = $1; dt[$3] = $4; pc[$3] = $9; vd[$3] = $16
			n[$1]++
			if (substr($3, 3) + 0 != n[$1])
				bad("entry " $3 " is not number " n[$1] " of " $1)
		}
		prev = $3
	}
	END { if (NR < 2) bad("no entry"); exit err }' "$1"
}

# balanced FILE: every entry (EcritureNum) and every journal of the FEC has
# its debits equal to its credits, to the cent.
balanced() {
	awk -F'\t' "$CENTS"'
	NR == 1 { next }
	{ d = cents($12) - cents($13); e[$3] += d; j[$1] += d; lines++ }
	END {
		for (k in e)
			if (e[k] != 0) { print "entry " k " is off by " e[k] " cents"; err = 1 }
		for (k in j)
			if (j[k] != 0) { print "journal " k " is off by " j[k] " cents"; err = 1 }
		if (lines == 0) { print "no lines"; err = 1 }
		exit err
	}' "$1"
}

# fec_account FILE ACCOUNT...: debits less credits of these accounts in the
# FEC, in cents; an ACCOUNT ending in * is every account it begins.
fec_account() {
	f=$1
	shift
	awk -F'\t' -v accs="$*" "$CENTS"'
	BEGIN { n = split(accs, x, " ") }
	NR > 1 {
		for (i = 1; i <= n; i++)
			if ($5 == x[i] || (x[i] ~ /\*$/ &&
			    index($5, substr(x[i], 1, length(x[i]) - 1)) == 1)) {
				s += cents($12) - cents($13); break
			}
	}
	END { print s + 0 }' "$f"
}

# pick FILE COLUMN...: the CSV's COLUMNs, space-separated, one row a line
# (the header left out); a python reader, independent of ours.
pick() {
	python3 -c '
import csv, sys
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))
for r in rows:
    print(" ".join(r[c] for c in sys.argv[2:]))' "$@"
}

# summary FIELD DIR...: the summary's FIELD in cents, of the last row (the
# total with several folders).
summary() {
	sf=$1
	shift
	flashcoop-report summary --format csv "$@" >"$T/.sum" &&
	pick "$T/.sum" "$sf" | tail -n 1 | awk "$CENTS"'{ print cents($1) }'
}

# ---- the project ----

# books [DIR]: the project the books are checked on, as DIR (default p),
# every row recorded by the commands (so validated today):
#   catalogue: cookie 2.50 at 5.5 %; sac 8.00 at 20 %, bought for resale
#   cash float 50.00 (the default); P001 Ada 7 h, P002 Bruno 3.5 h
#   C00001 05-05 12.00 ingredients 5.5 % cash, ref F-001,
#          note "Biocoop; farine"
#   C00002 05-06  6.00 deco (no account of its own) 20 % card, "Guirlandes"
#   C00003 05-06  3.00 stand 20 %, receipt's VAT 0.50, paid by the CAE
#          (other), "Mairie"
#   S00001 05-09 cookie x 10 cash 25.00      S00003 sac x 3 card 24.00
#   S00002 05-09 cookie x 3  cash  7.50      S00004 cookie x 4 cheque 10.00
#   V00001 voids S00002 ("typed twice")
#   K00001 05-09 counted 62.50: expected 50.00 - 12.00 + 25.00 + 7.50
#          - 7.50 = 63.00: 0.50 short
#   D00001 05-10 deposit cash 40.00; D00002 05-10 cheques 10.00, ref
#          BORD-7, note "1 chèque"
#   K00002 05-10 counted 22.50 = 62.50 - 40.00: exact
books() { fixture books "${1:-p}"; }
build_books() {
	new_project "$1" &&
	printf 'cookie = 2.50, 5.5\nsac = 8.00, 20, resale\n' >>"$1/flashcoop.ini" &&
	(
	cd "$1" && R=flashcoop-record &&
	flashcoop-enroll Ada --contract CAPE-01 --date 2026-05-04 &&
	flashcoop-enroll Bruno --contract CAPE-02 --date 2026-05-04 &&
	$R hours --participant P001 --hours 7 --date 2026-05-05 &&
	$R hours --participant P002 --hours 3.5 --date 2026-05-05 &&
	$R charge --amount 12.00 --category ingredients --vat 5.5 \
		--payment cash --date 2026-05-05 --ref F-001 --note "Biocoop; farine" &&
	$R charge --amount 6.00 --category deco --vat 20 --payment card \
		--date 2026-05-06 --note Guirlandes &&
	$R charge --amount 3.00 --category stand --vat 20 --vat-amount 0.50 \
		--payment other --date 2026-05-06 --note Mairie &&
	$R sale --product cookie --qty 10 --by P001 --date 2026-05-09 &&
	$R sale --product cookie --qty 3 --date 2026-05-09 &&
	$R sale --product sac --qty 3 --payment card --date 2026-05-09 &&
	$R sale --product cookie --qty 4 --payment cheque --date 2026-05-09 &&
	$R void S00002 --reason "typed twice" &&
	$R count --amount 62.50 --date 2026-05-09 --note Ada &&
	$R deposit --amount 40.00 --date 2026-05-10 &&
	$R deposit --amount 10.00 --payment cheque --date 2026-05-10 \
		--ref BORD-7 --note "1 chèque" &&
	$R count --amount 22.50 --date 2026-05-10 --note Bruno
	) >/dev/null
}

# books_closed [DIR]: the same, closed on 2026-05-13 (days not closed).
#   margin 53.18 - 18.87 - 0.50 = 33.81 (below); contribution
#   round(3381 x 10 / 100) = 338: 3.38; distributable 30.43.
#   Shares by hours 7 : 3.5 of 3043: 2028.67 and 1014.33, the cent left to
#   the larger remainder: P001 20.29, P002 10.14.
#   P001 gross round(2029 x 100 / 113) = round(1795.58) = 17.96,
#        employer 2.33; P002 round(101400 / 113) = round(897.35) = 8.97,
#        employer 1.17.  Gross 26.93, employer 3.50; 26.93 + 3.50 = 30.43.
books_closed() { fixture books_closed "${1:-p}"; }
build_books_closed() {
	fixture books "$1" &&
	flashcoop-close -C "$1" --date 2026-05-13 --allow-unclosed >/dev/null &&
	[ -f "$1/closing.ini" ]
}

# books_q [DIR]: a second project, FC-B, 2026-06-01 to 06-07, float 50.00:
#   C00001 06-01 50.00 stand 20 % card: VAT round(5000 x 2000 / 12000) =
#          833: 41.67 + 8.33
#   S00001 06-02 jam x 2 at 5.00, 20 %, card: H(1000) = 833: 8.33 + 1.67
books_q() { fixture books_q "${1:-q}"; }
build_books_q() {
	flashcoop-init "$1" --name "Flashcoop B" --id FC-B --start 2026-06-01 \
		--days 7 >/dev/null &&
	flashcoop-record -C "$1" charge --amount 50.00 --category stand \
		--vat 20 --payment card --date 2026-06-01 >/dev/null &&
	flashcoop-record -C "$1" sale --product jam --qty 2 --price 5.00 \
		--vat 20 --payment card --date 2026-06-02 >/dev/null
}

# The FEC of books, by hand ('|' stands for a tab, @V@ for today).
# VT, the sales grouped by day of recording, day, payment and rate, in the
# order of their first row; the 5.5 % rate as a running total:
#   VT00001 S00001 + S00002, cash: T = 32.50, H(3250) = round(3080.57) =
#           30.81, VAT 1.69
#   VT00002 S00003, card, 20 % (707: resale): H(2400) = 20.00, VAT 4.00
#   VT00003 S00004, cheque: T = 42.50, H(4250) = round(4028.44) = 40.28,
#           less 30.81: 9.47, VAT 0.53
#   VT00004 V00001, -7.50: T = 35.00, H(3500) = round(3317.54) = 33.18,
#           less 40.28: -7.10 (a debit), VAT -0.40
#   5.5 %: 30.81 + 9.47 - 7.10 = 33.18 = H(3500), VAT 1.82.
# AC, one per charge (the charge, its VAT, the treasury):
#   AC00001 12.00 at 5.5 %: VAT round(1200 x 550 / 10550) = round(62.56) =
#           0.63, 11.37 to 601; paid cash (530); ';' made ','
#   AC00002 6.00 at 20 %: round(600 x 2000 / 12000) = 1.00, 5.00 to 6288
#           (deco: charge_other); card: 512
#   AC00003 3.00, the receipt's VAT 0.50, 2.50 to 613; other: 4671
# CA: the float on the start day (its ValidDate); K00001's 0.50 short; the
#   cash deposit.  BQ: the cheques deposited, 5112 to 512.
FEC_WANT='JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise
CA|Caisse|CA00001|20260504|530|Caisse|||FOND-CAISSE|20260504|Fonds de caisse apporté par la CAE|50,00|0,00|||20260504||
CA|Caisse|CA00001|20260504|4671|CAE, compte courant|||FOND-CAISSE|20260504|Fonds de caisse apporté par la CAE|0,00|50,00|||20260504||
VT|Ventes|VT00001|20260509|530|Caisse|||Z-2026-05-09-cash-5.5|20260509|Ventes du 2026-05-09, espèces, TVA 5.5 % (2)|32,50|0,00|||@V@||
VT|Ventes|VT00001|20260509|701|Ventes de produits finis|||Z-2026-05-09-cash-5.5|20260509|Ventes du 2026-05-09, espèces, TVA 5.5 % (2)|0,00|30,81|||@V@||
VT|Ventes|VT00001|20260509|44571055|TVA collectée 5.5 %|||Z-2026-05-09-cash-5.5|20260509|Ventes du 2026-05-09, espèces, TVA 5.5 % (2)|0,00|1,69|||@V@||
VT|Ventes|VT00002|20260509|5115|Cartes bancaires à encaisser|||Z-2026-05-09-card-20-resale|20260509|Ventes du 2026-05-09, carte, TVA 20 % (1)|24,00|0,00|||@V@||
VT|Ventes|VT00002|20260509|707|Ventes de marchandises|||Z-2026-05-09-card-20-resale|20260509|Ventes du 2026-05-09, carte, TVA 20 % (1)|0,00|20,00|||@V@||
VT|Ventes|VT00002|20260509|44571200|TVA collectée 20 %|||Z-2026-05-09-card-20-resale|20260509|Ventes du 2026-05-09, carte, TVA 20 % (1)|0,00|4,00|||@V@||
VT|Ventes|VT00003|20260509|5112|Chèques à encaisser|||Z-2026-05-09-cheque-5.5|20260509|Ventes du 2026-05-09, chèque, TVA 5.5 % (1)|10,00|0,00|||@V@||
VT|Ventes|VT00003|20260509|701|Ventes de produits finis|||Z-2026-05-09-cheque-5.5|20260509|Ventes du 2026-05-09, chèque, TVA 5.5 % (1)|0,00|9,47|||@V@||
VT|Ventes|VT00003|20260509|44571055|TVA collectée 5.5 %|||Z-2026-05-09-cheque-5.5|20260509|Ventes du 2026-05-09, chèque, TVA 5.5 % (1)|0,00|0,53|||@V@||
VT|Ventes|VT00004|20260509|530|Caisse|||V00001|20260509|Annulation de S00002 : typed twice|0,00|7,50|||@V@||
VT|Ventes|VT00004|20260509|701|Ventes de produits finis|||V00001|20260509|Annulation de S00002 : typed twice|7,10|0,00|||@V@||
VT|Ventes|VT00004|20260509|44571055|TVA collectée 5.5 %|||V00001|20260509|Annulation de S00002 : typed twice|0,40|0,00|||@V@||
AC|Achats|AC00001|20260505|601|Achats stockés - matières premières|||F-001|20260505|ingredients : Biocoop, farine, TVA 5.5 %|11,37|0,00|||@V@||
AC|Achats|AC00001|20260505|44566055|TVA déductible sur autres biens et services 5.5 %|||F-001|20260505|ingredients : Biocoop, farine, TVA 5.5 %|0,63|0,00|||@V@||
AC|Achats|AC00001|20260505|530|Caisse|||F-001|20260505|ingredients : Biocoop, farine, TVA 5.5 %|0,00|12,00|||@V@||
AC|Achats|AC00002|20260506|6288|Autres services extérieurs divers|||C00002|20260506|deco : Guirlandes, TVA 20 %|5,00|0,00|||@V@||
AC|Achats|AC00002|20260506|44566200|TVA déductible sur autres biens et services 20 %|||C00002|20260506|deco : Guirlandes, TVA 20 %|1,00|0,00|||@V@||
AC|Achats|AC00002|20260506|512|Banque|||C00002|20260506|deco : Guirlandes, TVA 20 %|0,00|6,00|||@V@||
AC|Achats|AC00003|20260506|613|Locations|||C00003|20260506|stand : Mairie, TVA 20 %|2,50|0,00|||@V@||
AC|Achats|AC00003|20260506|44566200|TVA déductible sur autres biens et services 20 %|||C00003|20260506|stand : Mairie, TVA 20 %|0,50|0,00|||@V@||
AC|Achats|AC00003|20260506|4671|CAE, compte courant|||C00003|20260506|stand : Mairie, TVA 20 %|0,00|3,00|||@V@||
CA|Caisse|CA00002|20260509|530|Caisse|||K00001|20260509|Écart de caisse du 2026-05-09 (manquant)|0,00|0,50|||@V@||
CA|Caisse|CA00002|20260509|658|Charges diverses de gestion courante|||K00001|20260509|Écart de caisse du 2026-05-09 (manquant)|0,50|0,00|||@V@||
CA|Caisse|CA00003|20260510|512|Banque|||D00001|20260510|Remise en banque (espèces)|40,00|0,00|||@V@||
CA|Caisse|CA00003|20260510|530|Caisse|||D00001|20260510|Remise en banque (espèces)|0,00|40,00|||@V@||
BQ|Banque|BQ00001|20260510|512|Banque|||BORD-7|20260510|Remise en banque (chèques) : 1 chèque|10,00|0,00|||@V@||
BQ|Banque|BQ00001|20260510|5112|Chèques à encaisser|||BORD-7|20260510|Remise en banque (chèques) : 1 chèque|0,00|10,00|||@V@||'

# fec_want FILE: FEC_WANT with tabs and today's date, into FILE.
fec_want() {
	printf '%s\n' "$FEC_WANT" | tr '|' '\t' | sed "s/@V@/$TODAY8/" >"$1"
}

# ==== printed by a browser: t0800-bilan.sh, t0621-attestation.sh ====

# render HTML: headless Chromium prints HTML to $T/out.pdf and takes a
# screenshot of it in $T/out.png, with a profile of its own.
render() {
	profile=$(mktemp -d "$T/chromium.XXXXXX")
	set -- --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-quic --user-data-dir="$profile" \
		"file://$1"
	rm -f "$T/out.pdf" "$T/out.png"
	timeout 120 /usr/bin/chromium --no-pdf-header-footer \
		--print-to-pdf="$T/out.pdf" "$@" >"$T/chromium.log" 2>&1 &&
	timeout 120 /usr/bin/chromium --screenshot="$T/out.png" \
		--window-size=1240,1754 "$@" >>"$T/chromium.log" 2>&1 &&
	[ -s "$T/out.pdf" ] && [ -s "$T/out.png" ] ||
	{ tail -n 20 "$T/chromium.log"; return 1; }
}

# pdf_pages PDF: its number of pages (pdfinfo, or its page objects).
pdf_pages() {
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$1" | awk "/^Pages:/ { print \$2 }"
	else
		grep -a -c "/Type /Page\$\|/Type /Page[^s]" "$1"
	fi
}
