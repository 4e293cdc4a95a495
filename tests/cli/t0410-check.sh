#!/bin/sh
# flashcoop-check: silent and 0 on a sound project; every planted fault
# named as FILE:LINE: message (on stdout), exit 65; the seal of a closed
# project; several folders; a folder that is no project (66); and the
# git pre-commit hook of examples/.
HOOK=$(cd "$(dirname "$0")/../.." && pwd)/examples/git-pre-commit
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# The project of every check is lib.sh's full week (full_week, closed_week):
#   ledger.csv                     hours.csv
#   1 header                       1 header
#   2 C00001 12.00 5.5 %           2 H00001 P001 7 h   2026-05-05
#   3 C00002  6.00 20 %            3 H00002 P002 3.5 h 2026-05-05
#   4 S00001 10 cookies 25.00      4 H00003 P003 4 h   2026-05-05
#   5 S00002 3 bags 24.00          5 V00001 voids H00003
#   6 S00003 4 cookies 10.00
#   7 V00002 voids S00003
#   8 K00001 count 75.00
# P002 withdrew on 2026-05-06; P004 never worked.

# sound [ARGS...]: flashcoop-check ARGS exits 0 and prints nothing at all.
sound() {
	flashcoop-check "$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	if [ "$got" != 0 ] || [ -s "$T/.stdout" ] || [ -s "$T/.err" ]; then
		echo "expected a silent exit 0, got $got: flashcoop-check $*"
		cat "$T/.stdout" "$T/.err"
		return 1
	fi
}

# faulty [ARGS...]: flashcoop-check ARGS (default: p) exits 65 with the
# problems on stdout, one a line, and nothing on stderr.
faulty() {
	[ $# -gt 0 ] || set -- p
	flashcoop-check "$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	if [ "$got" != 65 ]; then
		echo "expected exit 65, got $got: flashcoop-check $*"
		cat "$T/.stdout" "$T/.err"
		return 1
	fi
	if [ ! -s "$T/.stdout" ] || [ -s "$T/.err" ]; then
		echo "expected the problems on stdout, nothing on stderr:"
		echo "stdout:"; cat "$T/.stdout"
		echo "stderr:"; cat "$T/.err"
		return 1
	fi
}

# names WHERE TEXT: a line of the last check's stdout starts with
# "WHERE: " and holds TEXT (a grep pattern).
names() {
	grep -q -- "^$1: .*$2" "$T/.stdout" && return 0
	echo "no line '$1: ...$2...' in:"
	cat "$T/.stdout"
	return 1
}

# printed_lines N: the last check printed N lines.
printed_lines() {
	n=$(wc -l <"$T/.stdout")
	[ "$n" = "$1" ] && return 0
	echo "expected $1 line(s), got $n:"
	cat "$T/.stdout"
	return 1
}

# planted 'SHELL CODE' WHERE TEXT: in a copy of the full week (./p),
# run the code (in p) and compute the chains anew (rechain: the chain's
# own checks are t0440's), then check: exit 65, that problem named, and
# the project left as the code left it.
planted() {
	fresh && full_week && (cd p && eval "$1") && rechain p || return 1
	before=$(snapshot p)
	faulty p && names "$2" "$3" || return 1
	same "$before" "$(snapshot p)"
}

# ---- sound projects ----

check 'a fresh project is sound: exit 0, silent' '
	fresh && new_project p && sound p'

check 'the full project is sound: exit 0, silent' '
	fresh && full_week && sound p'

check 'a closed project is sound: exit 0, silent' '
	fresh && closed_week && sound p'

check 'the folder: the current one, -C DIR, or $FLASHCOOP_DIR' '
	fresh && full_week &&
	(cd p && sound) && sound -C p && FLASHCOOP_DIR=p sound'

check 'it writes nothing' '
	fresh && closed_week &&
	before=$(snapshot p) && sound p && same "$before" "$(snapshot p)" &&
	sed -i "s/6\.00/7.00/" p/ledger.csv && before=$(snapshot p) &&
	faulty p && same "$before" "$(snapshot p)"'

check '-v: a summary on stderr, nothing on stdout' '
	fresh && full_week &&
	flashcoop-check -v p >out 2>err && [ ! -s out ] &&
	same "flashcoop-check: p: 4 participants, 7 ledger rows, 4 hours rows: 0 problems" \
		"$(cat err)"'

check '-v on a closed project says it is sealed' '
	fresh && closed_week &&
	flashcoop-check -v p >out 2>err && [ ! -s out ] &&
	grep -q "^flashcoop-check: p: .*closed and sealed: 0 problems$" err'

check '-v with a problem: the problem on stdout, the count on stderr' '
	fresh && full_week &&
	sed -i "3s/6\.00/6.001/" p/ledger.csv && rechain p &&
	{ flashcoop-check -v p >out 2>err; [ $? = 65 ]; } &&
	grep -q "^p/ledger.csv:3: " out &&
	grep -q "^flashcoop-check: p: .*: 1 problem$" err'

check '--help: the usage on stdout, exit 0' '
	fresh &&
	flashcoop-check --help >out 2>err && [ ! -s err ] &&
	grep -q "^usage: flashcoop-check \[-v\] \[-C DIR\] \[DIR\.\.\.\]$" out'

check 'an unknown option: usage (64)' '
	fresh && full_week && exits 64 flashcoop-check --fix p'

# ---- planted faults ----

check 'a torn last row (no newline): its line' '
	planted "printf \"C00003,2026-05-09,charge,,,,1.00,20,stand,card,,,\" \
		>>ledger.csv" p/ledger.csv:9 "newline" && printed_lines 1'

check 'a bad amount (12.345): its line and column' '
	planted "sed -i \"3s/,6\.00,/,12.345,/\" ledger.csv" \
		p/ledger.csv:3 "amount.*12\.345" && printed_lines 1'

check 'a sale amount that is not quantity x unit price: its line' '
	planted "sed -i \"5s/,24\.00,/,25.00,/\" ledger.csv" \
		p/ledger.csv:5 "amount.*25\.00.*24\.00" && printed_lines 1'

check 'a gap in ids (a middle S row deleted): the line after the gap' '
	planted "sed -i 5d ledger.csv" p/ledger.csv:5 "S00002 is missing" &&
	printed_lines 1'

check 'a duplicated id at the end: its line' '
	planted "sed -n 4p ledger.csv >>ledger.csv" p/ledger.csv:9 \
		"S00001.*\(twice\|repeated\)" && printed_lines 1'

check 'a duplicated id in the middle: its line' '
	planted "sed -i \"2p\" ledger.csv" p/ledger.csv:3 \
		"C00001.*\(twice\|repeated\)" && printed_lines 1'

# ledger.csv is read before hours.csv: the second V00001 in reading order
# is hours.csv:5, the row that was there first; either line will do.
check 'a duplicated void id, over both files: a line of it' '
	planted "echo \"V00001,2026-05-09,void,cookie,10,2.50,25.00,5.5,,cash,P001,S00001,x\" \
		>>ledger.csv" "p/\(ledger.csv:9\|hours.csv:5\)" "V00001.*twice" &&
	printed_lines 1'

check 'a void naming a missing row: its line' '
	planted "echo \"V00003,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00009,x\" \
		>>ledger.csv" p/ledger.csv:9 "S00009" && printed_lines 1'

check 'a void of a row further down: its line' '
	planted "sed -i \"3a V00003,2026-05-09,void,cookie,10,2.50,25.00,5.5,,cash,P001,S00001,early\" ledger.csv" \
		p/ledger.csv:4 "S00001"'

check 'a void that does not repeat the amount: its line' '
	planted "echo \"V00003,2026-05-09,void,cookie,10,2.50,20.00,5.5,,cash,P001,S00001,x\" \
		>>ledger.csv" p/ledger.csv:9 "does not repeat.*S00001" && printed_lines 1'

check 'a row voided twice: the second void line' '
	planted "echo \"V00003,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00003,again\" \
		>>ledger.csv" p/ledger.csv:9 "S00003 is voided twice" && printed_lines 1'

check 'a void of hours in ledger.csv: its line' '
	planted "echo \"V00003,2026-05-05,void,,,,7.00,,,,P001,H00001,x\" \
		>>ledger.csv" p/ledger.csv:9 "H00001"'

# Found as a bug (the problem had no line: "p/hours.csv: P001 works 27.00
# hours on 2026-05-05: ..."); lib/check.c now names the row that goes over.
check 'hours over 24 a day: the line of the row that goes over' '
	planted "echo \"H00004,2026-05-05,hours,P001,20.00,,\" >>hours.csv" \
		p/hours.csv:6 "P001.*27\.00.*2026-05-05.*24" && printed_lines 1'

check 'hours over 24 a day, over several rows: named once, on the row over' '
	planted "printf \"H00004,2026-05-05,hours,P001,10.00,,\nH00005,2026-05-05,hours,P001,8.00,,\nH00006,2026-05-05,hours,P001,1.00,,\n\" >>hours.csv" \
		p/hours.csv:7 "P001.*25\.00.*2026-05-05" && printed_lines 1'

check 'voided hours do not count toward the 24 a day' '
	fresh && full_week &&
	echo "H00004,2026-05-05,hours,P003,22.00,," >>p/hours.csv &&
	rechain p && sound p'

check 'hours of a participant not enrolled: its line' '
	planted "echo \"H00004,2026-05-05,hours,P009,2.00,,\" >>hours.csv" \
		p/hours.csv:6 "P009" && printed_lines 1'

check 'a sale by a participant not enrolled: its line' '
	planted "sed -i \"5s/,card,,,,,,main,/,card,P042,,,,,main,/\" ledger.csv" \
		p/ledger.csv:5 "P042" && printed_lines 1'

check 'hours after a withdrawal: its line' '
	planted "echo \"H00004,2026-05-08,hours,P002,2.00,,\" >>hours.csv" \
		p/hours.csv:6 "P002 withdrew" && printed_lines 1'

check 'a date outside the period: its line' '
	planted "echo \"C00003,2026-06-05,charge,,,,6.00,20,packaging,card,,,\" \
		>>ledger.csv" p/ledger.csv:9 "2026-06-05.*period" && printed_lines 1'

check 'a date that is no date: its line' '
	planted "sed -i \"3s/2026-05-05/2026-02-30/\" ledger.csv" \
		p/ledger.csv:3 "date" && printed_lines 1'

check 'a ragged row (a field short) at the end: its line' '
	planted "echo \"C00003,2026-05-05,charge,,,,6.00,20,packaging,card,,\" \
		>>ledger.csv" p/ledger.csv:9 "15 fields.*18" && printed_lines 1'

# Nine fields before the chain's three: id to note, the role, and one
# more (rechain adds a role only to a row of seven).
check 'a ragged row (a field too many) in hours.csv: its line' '
	planted "echo \"H00004,2026-05-06,hours,P001,2.00,,,,\" >>hours.csv" \
		p/hours.csv:6 "12 fields.*11"'

# Found as a bug: a ragged row stopped the reading of ledger.csv, V00002
# (line 7) was not seen, and check added a false problem, "p/ledger.csv:
# void id V00002 is missing (ids run to V00003)".
check 'a ragged row in the middle: that problem alone, no false one' '
	planted "sed -i \"3s/,,,,main,/,,,main,/\" ledger.csv &&
		echo V00003,2026-05-05,void,P001,7.00,H00001,x >>hours.csv" \
		p/ledger.csv:3 "17 fields.*18" && printed_lines 1'

# Found as a bug: a row that did not parse was not counted in its id
# sequence, so the next row got a false problem: "p/ledger.csv:6: id
# S00003 follows S00001: S00002 is missing", though S00002 is on line 5.
check 'a bad row in the middle: that problem alone, no false gap' '
	planted "sed -i \"5s/,24\.00,/,12.345,/\" ledger.csv" \
		p/ledger.csv:5 "amount.*12\.345" && printed_lines 1'

check 'a ragged row does not stop the reading: a later fault is named too' '
	fresh && full_week &&
	sed -i "3s/,,,,main,/,,,main,/; 5s/2026-05-09/2026-02-30/" p/ledger.csv &&
	rechain p &&
	faulty p && names p/ledger.csv:3 "17 fields.*18" &&
	names p/ledger.csv:5 "2026-02-30" && printed_lines 2'

# Found as a bug: S00003 (line 6) cannot be read; its problem was named,
# but the void V00002 (line 7) then got a false one.
check 'a void of a row that cannot be read: no false problem on the void' '
	planted "sed -i \"6s/2026-05-09/2026-02-30/\" ledger.csv" \
		p/ledger.csv:6 "2026-02-30" && printed_lines 1'

check 'a gap in void ids (over both files): named' '
	planted "echo \"V00004,2026-05-09,void,cookie,10,2.50,25.00,5.5,,cash,P001,S00001,x\" \
		>>ledger.csv" "p/ledger.csv\(:[0-9]*\)\?" "V00003 is missing"'

check 'an unknown kind: its line' '
	planted "echo \"X00001,2026-05-09,gift,,,,1.00,20,stand,card,,,\" \
		>>ledger.csv" p/ledger.csv:9 "kind.*gift" && printed_lines 1'

check 'a control character in a note: its line' '
	planted "printf \"C00003,2026-05-05,charge,,,,6.00,20,packaging,card,,,a\001b\n\" \
		>>ledger.csv" p/ledger.csv:9 "note.*control" && printed_lines 1'

check 'a header without its amount column: line 1' '
	planted "sed -i \"1s/,amount,/,amt,/\" ledger.csv" p/ledger.csv:1 \
		"amount"'

check 'a bad row of participants.csv: its line' '
	planted "sed -i \"3s/2026-05-04/2026-13-04/\" participants.csv" \
		p/participants.csv:3 "2026-13-04"'

check 'a bad value in flashcoop.ini: its line' '
	fresh && full_week &&
	sed -i "s/^cae_rate *=.*/cae_rate = abc/" p/flashcoop.ini &&
	line=$(grep -n "^cae_rate" p/flashcoop.ini | cut -d: -f1) &&
	faulty p && names "p/flashcoop.ini:$line" "cae_rate.*abc"'

check 'several faults: each on its own line, all of them' '
	fresh && full_week &&
	sed -i "5s/,24\.00,/,25.00,/" p/ledger.csv &&
	echo "H00004,2026-05-05,hours,P009,2.00,," >>p/hours.csv &&
	echo "C00003,2026-06-05,charge,,,,6.00,20,packaging,card,,," \
		>>p/ledger.csv && rechain p &&
	faulty p &&
	names p/ledger.csv:5 "25\.00" && names p/ledger.csv:9 "2026-06-05" &&
	names p/hours.csv:6 "P009" && printed_lines 3'

check 'every row problem reads FILE:LINE: message' '
	fresh && full_week &&
	sed -i "3s/,6\.00,/,6.001,/; 5s/,24\.00,/,25.00,/" p/ledger.csv &&
	echo "H00004,2026-05-05,hours,P009,2.00,," >>p/hours.csv &&
	rechain p && faulty p &&
	same "" "$(grep -v "^p/[a-z.]*:[0-9][0-9]*: [^ ]" "$T/.stdout")"'

# ---- the seal of a closed project ----

check 'a sealed ledger changed after the close (a byte appended)' '
	fresh && closed_week &&
	printf x >>p/ledger.csv &&
	faulty p && names p/ledger.csv "changed after the closing"'

check 'a sealed ledger with a whole row added: changed after the closing' '
	fresh && closed_week &&
	echo "C00003,2026-05-09,charge,,,,1.00,20,stand,card,,," \
		>>p/ledger.csv && rechain p &&
	faulty p && names p/ledger.csv "changed after the closing" &&
	names p/days.csv "changed after the closing" && printed_lines 2'

check 'flashcoop.ini, participants.csv, hours.csv, closing.csv: each sealed' '
	fresh && closed_week &&
	echo "; a comment" >>p/flashcoop.ini &&
	sed -i "s/Lefèvre/Lefevre/" p/participants.csv p/closing.csv &&
	sed -i "s/Chloé was ill/ill/" p/hours.csv && rechain p &&
	faulty p &&
	names p/flashcoop.ini "changed after the closing" &&
	names p/participants.csv "changed after the closing" &&
	names p/hours.csv "changed after the closing" &&
	names p/closing.csv "changed after the closing" &&
	names p/days.csv "changed after the closing" && printed_lines 5'

check 'a sealed file removed: named' '
	fresh && closed_week &&
	rm p/closing.csv &&
	faulty p && names p/closing.csv "missing"'

check 'a file left out of [seal]: closing.ini named' '
	fresh && closed_week &&
	sed -i "/^ledger.csv *=/d" p/closing.ini &&
	faulty p && names p/closing.ini "seal"'

check 'a changed seal: the file it no longer matches' '
	fresh && closed_week &&
	zeros=0000000000000000000000000000000000000000000000000000000000000000 &&
	sed -i "s/^\(hours.csv *= *\).*/\1$zeros/" p/closing.ini &&
	grep -q "^hours.csv *= *$zeros$" p/closing.ini &&
	faulty p && names p/hours.csv "changed after the closing"'

# ---- several folders ----

check 'several folders, a fault in the second: its prefix, exit 65' '
	fresh && full_week a && full_week b &&
	sed -i "5d" b/ledger.csv &&
	faulty a b && names b/ledger.csv:5 "S00002 is missing" &&
	same "" "$(grep -v "^b/" "$T/.stdout")"'

check 'several folders: a trailing slash does not double' '
	fresh && full_week a && full_week b &&
	sed -i "5d" b/ledger.csv &&
	faulty a/ b/ && names b/ledger.csv:5 "S00002" &&
	! grep -q "//" "$T/.stdout"'

check 'several sound folders: exit 0, silent; -v a line for each' '
	fresh && full_week a && full_week b &&
	sound a b &&
	flashcoop-check -v a b >out 2>err && [ ! -s out ] &&
	same 2 "$(grep -c "^flashcoop-check: [ab]: .*0 problems$" err)"'

check 'a folder that is no project: 66, named on stderr' '
	fresh && mkdir e &&
	exits 66 flashcoop-check e && [ ! -s "$T/.stdout" ] &&
	grep -q "^flashcoop-check: e: .*flashcoop.ini" "$T/.err" &&
	exits 66 flashcoop-check missing'

check 'a sound folder and one that is no project: 66' '
	fresh && full_week a && mkdir e &&
	exits 66 flashcoop-check a e && [ ! -s "$T/.stdout" ]'

check 'a faulty folder and one that is no project: 65 wins' '
	fresh && full_week a && mkdir e &&
	sed -i "5d" a/ledger.csv &&
	exits 65 flashcoop-check e a &&
	grep -q "^a/ledger.csv:5: " "$T/.stdout" &&
	grep -q "^flashcoop-check: e: " "$T/.err"'

# ---- the git pre-commit hook ----

# repo: a git repository in ./r with the hook installed; commit
# WHAT: git commit (output in $T/.err).
repo() {
	git init -q r && cd r &&
	git config user.name "Test" && git config user.email test@example.org &&
	git config commit.gpgsign false && git config core.hooksPath .git/hooks &&
	mkdir -p .git/hooks && cp "$HOOK" .git/hooks/pre-commit &&
	chmod +x .git/hooks/pre-commit
}
commit() {
	git commit -q -m "$1" >"$T/.stdout" 2>"$T/.err"
}
head_is() {
	same "$1" "$(git rev-parse -q --verify HEAD || echo none)"
}

check 'examples/git-pre-commit: executable POSIX sh' '
	[ -x "$HOOK" ] && sh -n "$HOOK" && head -n 1 "$HOOK" | grep -qx "#!/bin/sh"'

check 'hook: a sound project at the top is committed' '
	fresh && repo && full_week . && rm -f .lock &&
	git add -A && commit "sound" &&
	[ "$(git log --oneline | wc -l)" = 1 ]'

check 'hook: a broken project at the top is not committed, its line named' '
	fresh && repo && full_week . &&
	git add -A && commit "sound" && h=$(git rev-parse HEAD) &&
	sed -i "3s/,6\.00,/,12.345,/" ledger.csv && git add ledger.csv &&
	! commit "broken" && head_is "$h" &&
	grep -q "^ledger.csv:3: .*12\.345" "$T/.err"'

check 'hook: projects in folders, a fault in one: blocked, folder named' '
	fresh && repo && mkdir 2026 &&
	full_week "2026/FC A" && full_week 2026/FC-B &&
	git add -A && commit "two" && h=$(git rev-parse HEAD) &&
	sed -i "5d" 2026/FC-B/ledger.csv && git add -A &&
	! commit "broken" && head_is "$h" &&
	grep -q "^2026/FC-B/ledger.csv:5: .*S00002" "$T/.err" &&
	! grep -q "FC A/" "$T/.err"'

check 'hook: it checks what is staged, not the working tree' '
	fresh && repo && full_week . &&
	git add -A && commit "sound" && h=$(git rev-parse HEAD) &&
	cp ledger.csv good.csv &&
	sed -i "3s/,6\.00,/,12.345,/" ledger.csv && git add ledger.csv &&
	cp good.csv ledger.csv && rm good.csv &&
	! commit "staged fault" && head_is "$h" &&
	git add ledger.csv && echo "note" >README && git add README &&
	sed -i "3s/,6\.00,/,12.345,/" ledger.csv &&
	commit "staged sound" && [ "$(git rev-parse HEAD)" != "$h" ]'

check 'hook: a sealed ledger changed after the close is not committed' '
	fresh && repo && full_week . &&
	flashcoop-close --date 2026-05-13 >/dev/null 2>&1 &&
	git add -A && commit "closed" && h=$(git rev-parse HEAD) &&
	echo "C00003,2026-05-09,charge,,,,1.00,20,stand,card,,," >>ledger.csv &&
	git add -A && ! commit "after" && head_is "$h" &&
	grep -q "^ledger.csv: .*changed after the closing" "$T/.err"'

check 'hook: a repository without a project commits as usual' '
	fresh && repo && echo hello >README && git add README &&
	commit "no project" && [ "$(git log --oneline | wc -l)" = 1 ]'

check 'hook: without flashcoop-check, no commit and a message' '
	fresh && repo && full_week . && git add -A &&
	! FLASHCOOP_CHECK=no-such-flashcoop-check commit "x" &&
	head_is none && grep -q "no-such-flashcoop-check" "$T/.err"'

done_testing
