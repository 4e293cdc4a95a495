#!/bin/sh
# import-cash-register.sh: record the sales of a cash register's export
# (or of a spreadsheet saved as CSV in a French locale) in a Flashcoop.
#
# Usage: import-cash-register.sh [-C DIR] [-p PREFIX] [-e ENCODING] [-n] EXPORT
#
#   -C DIR       the project folder (else $FLASHCOOP_DIR, else here)
#   -p PREFIX    put before each ticket number to make the ref, "T-" by
#                default ("" for the bare number); see below
#   -e ENCODING  the export's encoding when it is not UTF-8, converted
#                with iconv(1) first: -e WINDOWS-1252 for most tills
#                and for Excel's "CSV (separator: semicolon)"
#   -n           print the batch that would be recorded, record nothing
#
# The export, as tills and French spreadsheets write it (see
# cash-register-export.csv beside this script):
#
#	Date;Ticket;Article;Qté;Montant;Paiement
#	09/05/2026 09:12;000101;Cookie;4;10,00;Espèces
#
# - the separator is ";" (or a tab, or ",", read off the header line);
#   fields may be in double quotes, with "" for a quote inside;
# - CRLF or LF line ends, a UTF-8 byte order mark, empty lines and a
#   final "Total" line are all fine;
# - the columns are found by their names, in any order (accents and
#   case do not matter): Date; Ticket (or N° ticket, Numéro); Article
#   (or Produit, Libellé, Désignation); Qté (or Quantité); Montant (or
#   Total, Montant TTC: the amount of the line incl. VAT, quantity x
#   unit price); Paiement (or Mode de paiement, Règlement); other
#   columns are left out;
# - Date: DD/MM/YYYY, DD/MM/YY or YYYY-MM-DD, a time after it is
#   dropped; Qté: a whole number ("2" or "2,00"); Montant: a decimal
#   comma or point, spaces, non-breaking spaces and "€" are dropped
#   ("1 234,50 €" is 1234,50); Paiement: Espèces/Liquide -> cash,
#   CB/Carte/Sans contact/TPE -> card, Chèque -> cheque, Virement ->
#   transfer, Autre -> other (the English words work too);
# - an Article is a product of the [products] catalogue of flashcoop.ini,
#   in any case ("Cookie" is cookie).
#
# What flashcoop-record --batch accepts (flashcoop-record(1), BATCH
# FORMAT), and so what this script writes: RFC 4180 CSV, comma-separated,
# with a header naming the columns of ledger.csv plus "kind", in any
# order; here kind,date,product,quantity,amount,payment,ref, one sale a
# line.  Amounts take a decimal point or a decimal comma (a comma must
# then be quoted: "10,00"), so the till's amounts go in as they are.  The
# unit price and the VAT rate come from the catalogue, and the amount,
# when given, must be quantity x unit price: a line whose amount differs
# from the catalogue's price (a discount, a product missing from the
# catalogue, a typo in the till) refuses the whole import, naming its
# line in the export.  Record such a sale by hand with --price and
# --ref PREFIX+ticket, then import again.  A refund (a negative line) is
# refused: void the sale with flashcoop-record void.
#
# Importing twice records nothing twice: the ref of each sale is the
# ticket number, and flashcoop-record --batch skips every row whose ref
# is already in ledger.csv; the lines of one ticket share its ref and
# are recorded together.  So a cron job may import the whole export of
# the day again and again as it grows.  The prefix keeps the ticket
# numbers apart from the other refs of the ledger (an invoice "000104"
# of a charge would otherwise hide ticket 000104).  A ticket still open
# at the till when the export is made is recorded as far as it goes;
# its later lines would be skipped: export after the last sale.
#
# The batch is all or nothing: one bad line and nothing is recorded.
# The new ids are printed on the standard output, messages go to the
# standard error; the exit status is flashcoop-record's (0, 65 bad data,
# 75 project busy: try again, 77 closed...), or 65 when the export
# cannot be read, 64 for a usage error.
#
# Without this script, a simple export (no quotes, no ";" inside a
# field) converts with sed, quoting every field so that the decimal
# commas stay inside theirs; the dates and payments must then already
# be in flashcoop's words:
#
#	sed -e 's/\r$//' -e 's/[^;]*/"&"/g' -e 's/;/,/g' export.csv |
#		flashcoop-record --batch -
#
# or with Miller: mlr --icsv --ifs ';' --ocsv cat export.csv

me=import-cash-register
PATH=${FLASHCOOP_BIN:+$FLASHCOOP_BIN:}$PATH
export PATH

usage() {
	echo "usage: $me [-C DIR] [-p PREFIX] [-e ENCODING] [-n] EXPORT" >&2
	exit 64
}

dir='' prefix=T- encoding='' dry=''
while getopts C:p:e:nh opt; do
	case $opt in
	C)	dir=$OPTARG ;;
	p)	prefix=$OPTARG ;;
	e)	encoding=$OPTARG ;;
	n)	dry=1 ;;
	h)	echo "usage: $me [-C DIR] [-p PREFIX] [-e ENCODING] [-n] EXPORT"
		exit 0 ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
export_file=$1
if [ ! -r "$export_file" ]; then
	echo "$me: $export_file: cannot read it" >&2
	exit 66
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX") || exit 73
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

src=$export_file
if [ -n "$encoding" ]; then
	if ! iconv -f "$encoding" -t UTF-8 "$export_file" >"$tmp/utf8"; then
		echo "$me: $export_file: cannot convert it from $encoding" >&2
		exit 65
	fi
	src=$tmp/utf8
fi

# The conversion: the batch in $tmp/batch, and in $tmp/lines the line of
# the export of each of its lines, to name it in messages.  The whole
# export is converted before anything is recorded.
if ! LC_ALL=C awk -v me="$me" -v name="$export_file" -v prefix="$prefix" \
	-v batch="$tmp/batch" -v lines="$tmp/lines" '
function fail(msg) {
	printf "%s: %s:%d: %s\n", me, name, NR, msg | "cat >&2"
	failed = 1
	exit 65
}
# split_fields(line): the fields of one line into f[1..n], with the
# separator sep; double quotes around a field are taken off, "" in them
# is a quote.  Returns n.
function split_fields(s,    n, i, c, field, quoted) {
	n = 0; field = ""; quoted = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (quoted) {
			if (c == "\"") {
				if (substr(s, i + 1, 1) == "\"") { field = field c; i++ }
				else quoted = 0
			} else field = field c
		} else if (c == "\"") quoted = 1
		else if (c == sep) { f[++n] = field; field = "" }
		else field = field c
	}
	if (quoted) fail("a double quote is not closed")
	f[++n] = field
	return n
}
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
# csv(s): s as a field of the batch, quoted when it must be.
function csv(s) {
	if (s ~ /[",]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	return s
}
# key(header): a column name reduced to its lowercase ASCII letters.
function key(s) { s = tolower(s); gsub(/[^a-z0-9]/, "", s); return s }
function column(what, re,    i) {
	for (i = 1; i <= ncols; i++)
		if (key(head[i]) ~ re) return i
	fail("no column for the " what " in the header (" hline ")")
}
function iso_date(s,    d) {
	s = trim(s); sub(/[ T].*/, "", s)
	if (s ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) return s
	if (s ~ /^[0-9][0-9]?\/[0-9][0-9]?\/([0-9][0-9])?[0-9][0-9]$/) {
		split(s, d, "/")
		if (length(d[3]) == 2) d[3] = "20" d[3]
		return sprintf("%s-%02d-%02d", d[3], d[2], d[1])
	}
	fail("date \047" s "\047 is not DD/MM/YYYY nor YYYY-MM-DD")
}
function payment(s,    k) {
	k = tolower(trim(s))
	if (k ~ /^(esp|liquide|cash)/) return "cash"
	if (k ~ /^(cb|carte|card|tpe|sans.contact|contactless)/) return "card"
	if (k ~ /^(ch|cheque)/) return "cheque"
	if (k ~ /^(vir|transfer)/) return "transfer"
	if (k ~ /^(autre|other)/) return "other"
	fail("payment \047" s "\047 is not Espèces, CB, Chèque, Virement or Autre")
}
{ sub(/\r$/, "") }
NR == 1 {
	sub(/^\357\273\277/, "")
	hline = $0
	sep = index($0, ";") ? ";" : index($0, "\t") ? "\t" : ","
	ncols = split_fields($0)
	for (i = 1; i <= ncols; i++) head[i] = f[i]
	c_date = column("date", "^date")
	c_ticket = column("ticket number", "ticket|^num|^no$|^recu|^reu")
	c_product = column("article", "^(article|produit|product|libel|d.?signation)")
	c_qty = column("quantity", "^(qt|quantit|qty|nb|nombre)")
	c_amount = column("amount", "^(montant|total|amount)")
	c_payment = column("payment", "^(paiement|mode|r.?glement|payment|moyen)")
	print "kind,date,product,quantity,amount,payment,ref" >batch
	print 1 >lines
	next
}
/^[ \t;,]*$/ { next }
{
	split_fields($0)
	# A total line: "Total" first, or neither ticket nor article.
	if (tolower(trim(f[1])) ~ /^total/ ||
	    (trim(f[c_ticket]) == "" && trim(f[c_product]) == "")) next
	ticket = trim(f[c_ticket])
	if (ticket == "") fail("no ticket number")
	qty = trim(f[c_qty])
	if (qty ~ /^[0-9]+[,.]0*$/) sub(/[,.].*/, "", qty)
	amount = f[c_amount]
	gsub(/[ \t]|\302\240|\342\200\257|\342\202\254/, "", amount)
	if (amount ~ /^-/ || qty ~ /^-/)
		fail("a refund (negative line): void the sale with flashcoop-record void")
	printf "sale,%s,%s,%s,%s,%s,%s\n", iso_date(f[c_date]),
		csv(trim(f[c_product])), csv(qty), csv(amount),
		payment(f[c_payment]), csv(prefix ticket) >batch
	print NR >lines
}
END {
	if (!failed && NR == 0) {
		printf "%s: %s: empty\n", me, name | "cat >&2"
		exit 65
	}
}
' "$src"; then
	exit 65
fi

if [ -n "$dry" ]; then
	cat "$tmp/batch"
	exit 0
fi

# Record it; a message about line N of the batch (stdin:N:) is made to
# name the line of the export.
set --
[ -z "$dir" ] || set -- -C "$dir"
flashcoop-record "$@" --batch - <"$tmp/batch" 2>"$tmp/err"
status=$?
awk -v name="$export_file" '
	NR == FNR { line[FNR] = $0; next }
	match($0, /stdin:[0-9]+:/) {
		n = substr($0, RSTART + 6, RLENGTH - 7)
		if (n in line)
			$0 = substr($0, 1, RSTART - 1) name ":" line[n] ":" \
			     substr($0, RSTART + RLENGTH)
	}
	{ print }' "$tmp/lines" "$tmp/err" >&2
exit "$status"
