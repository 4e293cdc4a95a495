#!/bin/sh
# The xgettext keywords of the sources: _, N_ and ngettext, and every
# function declared with __attribute__((format(printf, N, M))), whose
# N-th argument is a message that the function translates (it calls
# gettext on its format).  Derived from the sources, so that a helper
# renamed or added cannot silently take its messages out of the
# translation.  Prints the options, one line.
#
#   sh po/keywords.sh lib/*.c bin/*.c include/flashcoop/*.h
set -eu
printf '%s' '-k_ -kN_ -kngettext:1,2'
awk '
	# Join a declaration from its name to its ";" or "{", then read the
	# name before the first "(" and the format argument.
	/^[ \t]*(\/\*|\*)/ || /^[ \t]*$/ { decl = ""; next }
	{ decl = decl " " $0 }
	/[;{]/ {
		if (match(decl, /format\(printf, *[0-9]+/)) {
			n = substr(decl, RSTART, RLENGTH); sub(/.*, */, "", n)
			head = decl; sub(/\(.*/, "", head)
			k = split(head, w, /[ \t*]+/); name = w[k]
			if (name != "" && !seen[name]++)
				printf " -k%s:%s", name, n
		}
		decl = ""
	}
' "$@"
echo
