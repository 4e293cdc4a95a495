#!/bin/sh
# A project folder kept in git, the way a CAE uses it: the office and the
# stall each have a clone.  What travels through git (a pull that
# conflicts, a merge that keeps both sides, a hand edit, a planted
# journal, a symlinked ledger) makes every command refuse, cleanly: exit
# 65, the problem named, nothing written, nothing outside the project
# touched (a sibling folder's checksums before and after).
. "$(dirname "$0")/lib.sh"

command -v git >/dev/null 2>&1 || { echo "1..0 # SKIP git is not installed"; exit 0; }

export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME="$T"

# The office's repository: one project, p, two participants, a sale.
build_office() {
	mkdir "$T/office" && cd "$T/office" && git init -q &&
	git config commit.gpgsign false && new_project p &&
	printf 'cookie = 2.50, 5.5\n' >>p/flashcoop.ini &&
	flashcoop-enroll -C p Ada --contract C-1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p Bob --contract C-2 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 2 \
		--date 2026-05-05 >/dev/null &&
	flashcoop-record -C p count --amount 55.00 --date 2026-05-05 >/dev/null &&
	flashcoop-record -C p hours --participant P001 --hours 4 \
		--date 2026-05-05 >/dev/null &&
	git add -A && git commit -q -m "week" && cd "$T"
}
build_office || { echo "Bail out! cannot build the office's repository"; exit 1; }

# A sibling folder of the clones, which no command may touch.
mkdir "$T/sibling" && echo safe >"$T/sibling/victim" &&
	cp "$T/office/p/ledger.csv" "$T/sibling/ledger.csv"
SIBLING=$(sums "$T/sibling")

# stall: a fresh clone of the office, in ./stall, declared as the
# terminal stall (its line of terminals.csv committed).
stall() {
	git clone -q "$T/office" stall && git -C stall config commit.gpgsign false &&
	flashcoop-init -C stall/p --terminal stall &&
	git -C stall commit -q -a -m "terminal stall"
}

# every_command_refuses DIR: each command exits 65 with a message, prints
# nothing on stdout, leaves DIR and the sibling folder byte for byte.
every_command_refuses() {
	d=$1
	for c in "flashcoop-record -C $d sale --product cookie --qty 1 --date 2026-05-06" \
	         "flashcoop-record -C $d hours --participant P001 --hours 2 --date 2026-05-06" \
	         "flashcoop-enroll -C $d Cy --contract C-3 --date 2026-05-04" \
	         "flashcoop-enroll -C $d --list" \
	         "flashcoop-close -C $d --date 2026-05-13" \
	         "flashcoop-close -C $d --dry-run" \
	         "flashcoop-report -C $d summary" \
	         "flashcoop-report -C $d funders --format csv" \
	         "flashcoop-report -C $d entries" \
	         "flashcoop-report -C $d bilan" \
	         "flashcoop-check $d"; do
		before=$(snapshot "$d")
		$c >"$T/.stdout" 2>"$T/.err"
		got=$?
		if [ "$got" != 65 ]; then
			echo "expected exit 65, got $got: $c"
			cat "$T/.err"
			return 1
		fi
		case $c in
		flashcoop-check*) [ -s "$T/.stdout" ] || { echo "check named nothing"; return 1; } ;;
		*) [ ! -s "$T/.stdout" ] && [ -s "$T/.err" ] ||
			{ echo "stdout not empty, or no message: $c"; return 1; } ;;
		esac
		[ "$before" = "$(snapshot "$d")" ] ||
			{ echo "files changed by: $c"; return 1; }
		[ "$SIBLING" = "$(sums "$T/sibling")" ] ||
			{ echo "the sibling folder changed: $c"; return 1; }
	done
}

check 'a clone works: it checks sound and records (names left 0644 are warned of)' '
	fresh && stall && flashcoop-check stall/p 2>"$T/.err" &&
	said "chmod 600" &&
	flashcoop-record -C stall/p sale --product cookie --qty 1 \
		--date 2026-05-06 >/dev/null &&
	refuses 65 stall/p flashcoop-enroll -C stall/p Cy --contract C-3 \
		--date 2026-05-04 &&
	said "only the first terminal .main. enrolls" &&
	same 644 "$(stat -c %a stall/p/participants.csv)"
'

check 'a pull after both recorded: no conflict (union merge), check sound, sums added' '
	fresh && stall &&
	flashcoop-record -C stall/p sale --product cookie --qty 1 \
		--date 2026-05-06 >/dev/null &&
	git -C stall commit -q -am "stall sale" &&
	(cd "$T/office" && git clone -q . "$T/c$ntest/office2") && adopt office2/p &&
	flashcoop-record -C office2/p sale --product cookie --qty 3 \
		--date 2026-05-07 >/dev/null &&
	git -C office2 -c commit.gpgsign=false commit -q -am "office sale" &&
	git -C stall pull -q --no-rebase ../office2 2>/dev/null &&
	! grep -q "^<<<<<<<" stall/p/ledger.csv &&
	flashcoop-check stall/p 2>/dev/null &&
	same 15.00 "$(flashcoop-report -C stall/p summary --format csv |
		awk -F, "NR == 2 { print \$2 }")"
'

check 'a merge that keeps both sides: S00002 twice, every command refuses' '
	fresh && stall && cd stall/p && last=$(tail -n 1 ledger.csv) &&
	echo "S00002,2026-05-06,sale,cookie,1,2.50,2.50,5.5,,cash,,," >>ledger.csv &&
	echo "S00002,2026-05-07,sale,cookie,3,2.50,7.50,5.5,,cash,,," >>ledger.csv &&
	cd ../.. && every_command_refuses stall/p
'

check 'a hand edit of an amount: every command refuses, naming the line' '
	fresh && stall && sed -i "2s/,5.00,5.5,/,50.00,5.5,/" stall/p/ledger.csv &&
	every_command_refuses stall/p && out "ledger.csv:2:"
'

check 'a commit file planted through git: refused, nothing renamed, outside or in' '
	fresh && (cd "$T/office" && git clone -q . "$T/c$ntest/office2") && adopt office2/p &&
	printf "evil\t../../../sibling/victim\n" >office2/p/.commit &&
	echo pwned >office2/p/evil && git -C office2 add -f p/.commit p/evil &&
	git -C office2 -c commit.gpgsign=false commit -q -m planted &&
	git clone -q office2 stall && [ -f stall/p/.commit ] &&
	every_command_refuses stall/p && [ "$(cat "$T/sibling/victim")" = safe ] &&
	same pwned "$(cat stall/p/evil)"
'

check 'a ledger symlinked through git: refused, the other ledger untouched' '
	fresh && (cd "$T/office" && git clone -q . "$T/c$ntest/office2") && adopt office2/p &&
	rm office2/p/ledger.csv &&
	ln -s ../../../sibling/ledger.csv office2/p/ledger.csv &&
	git -C office2 add -A && git -C office2 -c commit.gpgsign=false commit -q -m link &&
	git clone -q office2 stall && [ -L stall/p/ledger.csv ] &&
	every_command_refuses stall/p && out "symbolic link"
'

check 'a closed project, pushed and cloned: the seal holds in the clone' '
	fresh && (cd "$T/office" && git clone -q . "$T/c$ntest/office2") && adopt office2/p &&
	flashcoop-close -C office2/p --day 2026-05-05 >/dev/null &&
	flashcoop-close -C office2/p --date 2026-05-13 >/dev/null &&
	git -C office2 add -A && git -C office2 -c commit.gpgsign=false commit -q -m closed &&
	git clone -q office2 stall && flashcoop-check stall/p 2>/dev/null &&
	flashcoop-report -C stall/p summary --format csv >out &&
	grep -q ",closed$" out
'

done_testing
