#!/bin/sh
. "$(dirname "$0")/lib.sh"

check 'init creates a project and enroll gives P001' '
	new_project &&
	id=$(flashcoop-enroll -C p "Ada Lovelace" --contract CAPE-1 --date 2026-05-04) &&
	[ "$id" = P001 ]'
done_testing
