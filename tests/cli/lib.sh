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
# main, a fixed time), every chain is computed anew (SPEC §5), and the
# daily closings are dropped from days.csv (their heads and figures would
# name the edit too), so that a planted fault is the only one check names.
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
					_line="$(vat_amount_col "$_f" "$_row"),main,2026-05-09T12:00:00+02:00"
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

# vat_amount_col FILE ROW: a planted row of SPEC §2's 13 columns, as a
# ledger.csv with vat_amount (the books) holds it: that column empty.
# Other rows, and rows of hours.csv, as they are.
vat_amount_col() {
	case $1 in *ledger.csv) ;; *) printf '%s' "$2"; return ;; esac
	if head -n 1 "$1" | grep -q ',note,vat_amount' &&
		[ "$(printf '%s' "$2" | sed 's/"[^"]*"//g' | tr -cd , | wc -c)" = 12 ]
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
	_line="$(vat_amount_col "$1" "$2"),main,2026-05-09T12:00:00+02:00"
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
