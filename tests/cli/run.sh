#!/bin/sh
# Run every command test (tests/cli/t*.sh) and print one summary line.
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
for t in "$here"/t*.sh; do
	[ -f "$t" ] || continue
	echo "== $(basename "$t")"
	out=$(sh "$t" 2>&1)
	echo "$out"
	p=$(echo "$out" | grep -c '^ok ')
	f=$(echo "$out" | grep -c '^not ok ')
	# A file that bails out, or stops before its plan, fails too.
	b=$(echo "$out" | grep -c '^Bail out!')
	[ "$b" = 0 ] && echo "$out" | grep -q '^1\.\.' || b=$((b + 1))
	pass=$((pass + p))
	fail=$((fail + f + b))
done
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
