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
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
