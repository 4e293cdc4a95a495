#!/bin/sh
# No message escapes translation.  `make i18n-check` runs this.
#
#  (a) po/flashcoop.pot holds every message of the sources: the template
#      is made again, with the xgettext command of the Makefile's pot
#      target, into a temporary file and compared (run `make pot` when it
#      lacks one);
#  (b) every po/LL.po translates every message of the sources (msgcmp);
#  (c) msgfmt --check passes on every po/LL.po and counts no fuzzy and no
#      untranslated entry;
#  (d) nothing in lib/ and bin/ prints words on stderr around the message
#      functions: fprintf(stderr, "...") or fputs("...", stderr) with a
#      literal that holds words and is not wrapped in _(); and no text
#      marked N_() (the usage texts) printed on stderr without gettext.
#      Literals that are only formats and punctuation ("%s\n") are fine;
#  (e) the messages given to the message functions (the keywords of the
#      pot target: fc_fail, cli_warn, bad, problem...) are all in the
#      template: a literal xgettext does not see (the second branch of a
#      ?: in the format argument) is printed untranslated; and no English
#      words are given to them as printf arguments ("s" plurals, "has" /
#      "have", ", closed and sealed"), which no translation can reach.
#      A word that is a name to keep as it is (an option, a kind of row)
#      may be listed in I18N_ALLOW (space-separated, default: reason).
#
# Needs GNU gettext (xgettext, msgcmp, msgfmt, msgcat, msgattrib), perl
# and make.  Exits 0
# when clean, 1 on any finding, 2 when a tool is missing.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
ALLOW=${I18N_ALLOW:-reason}

for tool in xgettext msgcmp msgfmt msgcat msgattrib perl make; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "i18n-check: $tool is missing (Debian: apt-get install gettext perl make)" >&2
		exit 2
	}
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/i18n-check.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
nchecks=0
nfail=0

# result NAME OK-or-not: count and print one check.
pass() { nchecks=$((nchecks + 1)); echo "ok $nchecks - $1"; }
fail() { nchecks=$((nchecks + 1)); nfail=$((nfail + 1)); echo "not ok $nchecks - $1"; }
indent() { sed 's/^/# /'; }

# msgids FILE: the msgids (and msgid_plurals) of a PO file, as C spells
# them (xgettext keeps the escapes: \n, \", \\), one a line, sorted.
msgids() {
	msgcat --no-wrap "$1" 2>/dev/null | perl -ne '
		if (/^(msgid|msgid_plural) "(.*)"$/) { print "$cur\n" if defined $cur; $cur = $2; next }
		if (/^"(.*)"$/ && defined $cur) { $cur .= $1; next }
		if (defined $cur) { print "$cur\n"; undef $cur }
		END { print "$cur\n" if defined $cur }' | grep -v '^$' | LC_ALL=C sort -u
}

# ---- (a) the template against the sources ----

# The pot target's xgettext command, as make would run it, writing to a
# temporary file instead of po/flashcoop.pot.
cmd=$(env -u MAKEFLAGS -u MFLAGS make -s -n pot 2>/dev/null |
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' | grep '^xgettext ' | head -n 1)
case $cmd in
*"-o po/flashcoop.pot"*) ;;
*)	echo "i18n-check: cannot find the xgettext command of 'make pot'" >&2
	exit 2 ;;
esac
cmd=$(printf '%s\n' "$cmd" | sed "s|-o po/flashcoop.pot|-o '$TMP/sources.pot'|")
if ! sh -c "$cmd" 2>"$TMP/xgettext.err"; then
	fail "xgettext reads the sources"
	indent <"$TMP/xgettext.err"
	echo "i18n-check: $nchecks checks, $nfail failed"
	exit 1
fi
# xgettext writes nothing when there is no message at all.
[ -f "$TMP/sources.pot" ] || : >"$TMP/sources.pot"
# Its warnings (a format string that does not parse...) are findings too.
if [ -s "$TMP/xgettext.err" ]; then
	fail "xgettext reads the sources without a warning"
	indent <"$TMP/xgettext.err"
else
	pass "xgettext reads the sources without a warning"
fi

if [ ! -f po/flashcoop.pot ]; then
	fail "po/flashcoop.pot exists (run make pot)"
elif msgcmp --use-untranslated po/flashcoop.pot "$TMP/sources.pot" \
	>"$TMP/a.out" 2>&1; then
	pass "po/flashcoop.pot holds every message of the sources"
else
	fail "po/flashcoop.pot holds every message of the sources (run make pot)"
	msgids "$TMP/sources.pot" >"$TMP/src.ids"
	msgids po/flashcoop.pot >"$TMP/pot.ids"
	LC_ALL=C comm -23 "$TMP/src.ids" "$TMP/pot.ids" | sed 's/^/not in the template: "/; s/$/"/' | indent
fi
# The other way round is only a note: a message gone from the sources.
if [ -f po/flashcoop.pot ] &&
   ! msgcmp --use-untranslated "$TMP/sources.pot" po/flashcoop.pot \
	>"$TMP/a2.out" 2>&1; then
	echo "# note: po/flashcoop.pot holds messages the sources no longer have (run make pot):"
	msgids "$TMP/sources.pot" >"$TMP/src.ids"
	msgids po/flashcoop.pot >"$TMP/pot.ids"
	LC_ALL=C comm -13 "$TMP/src.ids" "$TMP/pot.ids" | sed 's/^/"/; s/$/"/' | indent
fi

# ---- (b) and (c): every translation complete, nothing fuzzy ----

npo=0
for po in po/*.po; do
	[ -f "$po" ] || continue
	npo=$((npo + 1))
	if msgcmp "$po" "$TMP/sources.pot" >"$TMP/b.out" 2>&1; then
		pass "$po translates every message of the sources"
	else
		fail "$po translates every message of the sources (run make pot, then translate)"
		msgids "$TMP/sources.pot" >"$TMP/src.ids"
		msgattrib --translated --no-fuzzy "$po" >"$TMP/done.po" 2>/dev/null
		msgids "$TMP/done.po" >"$TMP/done.ids"
		LC_ALL=C comm -23 "$TMP/src.ids" "$TMP/done.ids" |
			sed 's/^/no translation: "/; s/$/"/' | head -n 40 | indent
	fi
	if msgfmt --check --statistics -o /dev/null "$po" >"$TMP/c.out" 2>&1; then
		if grep -qE 'fuzzy|untranslated' "$TMP/c.out"; then
			fail "$po: no fuzzy and no untranslated entry"
			indent <"$TMP/c.out"
			msgattrib --only-fuzzy "$po" >"$TMP/fuzzy.po" 2>/dev/null
			msgids "$TMP/fuzzy.po" | sed 's/^/fuzzy: "/; s/$/"/' | head -n 20 | indent
			msgattrib --untranslated "$po" >"$TMP/untr.po" 2>/dev/null
			msgids "$TMP/untr.po" | sed 's/^/untranslated: "/; s/$/"/' | head -n 20 | indent
		else
			pass "$po: msgfmt --check: $(tr -d '\n' <"$TMP/c.out")"
		fi
	else
		fail "$po: msgfmt --check passes"
		indent <"$TMP/c.out"
	fi
done
[ "$npo" -gt 0 ] || echo "# note: no po/*.po: no translation to check"

# ---- (d) and (e): the sources ----

# The msgids of the template, as C would spell them (xgettext keeps the
# escapes: \n, \", \\), one a line.
msgids "$TMP/sources.pot" >"$TMP/msgids"

# The keywords of the pot target: -kNAME or -kNAME:ARG[,ARG].
keywords=$(printf '%s\n' "$cmd" | grep -oE -- '-k[A-Za-z_][A-Za-z0-9_]*(:[0-9,]+)?' |
	sed 's/^-k//' | tr '\n' ' ')

ALLOW="$ALLOW" KEYWORDS="$keywords" MSGIDS="$TMP/msgids" perl -e '
use strict; use warnings;
my %msgid; open(my $m, "<", $ENV{MSGIDS}) or die; while (<$m>) { chomp; $msgid{$_} = 1 }
my %allow = map { $_ => 1 } split " ", $ENV{ALLOW};
my %kw;    # name -> [format argument numbers]
for (split " ", $ENV{KEYWORDS}) {
	my ($n, $a) = split /:/; $kw{$n} = [ $a ? split(/,/, $a) : 1 ];
}
my (@bypass, @unseen, @words);

# The text of a file with its comments blanked (newlines kept).
sub source {
	my ($f) = @_;
	open(my $h, "<", $f) or die "$f: $!"; local $/; my $s = <$h>;
	$s =~ s{(/\*.*?\*/|//[^\n]*)|("(?:\\.|[^"\\])*"|'"'"'(?:\\.|[^'"'"'\\])*'"'"')}
	       { defined $1 ? ($1 =~ tr/\n//cdr) : $2 }gse;
	return $s;
}
sub line_of { my ($s, $pos) = @_; return 1 + (substr($s, 0, $pos) =~ tr/\n//) }

# The arguments of the call whose "(" is at $pos: [text, offset] each.
sub args {
	my ($s, $pos) = @_;
	my ($depth, @a, $start) = (0);
	$start = $pos + 1;
	for (my $i = $pos; $i < length $s; $i++) {
		my $c = substr($s, $i, 1);
		if ($c eq q{"} || $c eq q{'"'"'}) {
			my $q = $c; $i++;
			while ($i < length $s && substr($s, $i, 1) ne $q) { $i++ if substr($s, $i, 1) eq "\\"; $i++ }
			next;
		}
		if ($c =~ /[([{]/) { $depth++; next }
		if ($c =~ /[)\]}]/) {
			$depth--;
			if ($depth == 0) { push @a, [substr($s, $start, $i - $start), $start]; return @a }
			next;
		}
		if ($c eq "," && $depth == 1) { push @a, [substr($s, $start, $i - $start), $start]; $start = $i + 1 }
	}
	return @a;
}
# The string literals of an argument, adjacent ones joined: [text, offset].
sub literals {
	my ($t) = @_; my @l;
	while ($t =~ /((?:"(?:\\.|[^"\\])*"\s*)+)/g) {
		my ($g, $off) = ($1, $-[1]);
		my $v = join "", $g =~ /"((?:\\.|[^"\\])*)"/g;
		push @l, [$v, $off];
	}
	return @l;
}
# Words in a literal, once formats and escapes are taken out.
sub has_words {
	my ($v) = @_;
	$v =~ s/%[-+ #0-9.*]*(?:hh|h|ll|l|j|z|t|L)?[a-zA-Z%]//g;
	$v =~ s/\\(?:x[0-9a-fA-F]+|[0-7]{1,3}|.)//g;
	return $v =~ /[A-Za-z]{2,}/;
}

for my $f (sort(glob("lib/*.c"), glob("bin/*.c"))) {
	my $s = source($f);
	my %marked;   # identifiers holding an N_() text
	$marked{$1} = 1 while $s =~ /\b(\w+)\s*\[\s*\]\s*=\s*N_\s*\(/g;

	while ($s =~ /\b(fprintf|vfprintf|fputs)\s*\(/g) {
		my ($fn, $p) = ($1, $+[0] - 1);
		my @a = args($s, $p); next unless @a;
		my ($stream, $text) = $fn eq "fputs" ? ($a[1], $a[0]) : ($a[0], $a[1]);
		next unless $stream && $text && $stream->[0] =~ /^\s*stderr\s*$/;
		my $line = line_of($s, $text->[1]);
		if ($text->[0] =~ /^\s*(\w+)\s*$/ && $marked{$1}) {
			push @bypass, "$f:$line: $fn($1) prints a text marked N_() without gettext()";
			next;
		}
		next if $text->[0] =~ /^\s*(?:_|gettext|ngettext)\s*\(/;
		for my $l (literals($text->[0])) {
			push @bypass, "$f:$line: $fn() prints \"$l->[0]\" on stderr without _()"
				if has_words($l->[0]);
		}
	}

	while ($s =~ /\b([A-Za-z_]\w*)\s*\(/g) {
		my ($name, $p) = ($1, $+[0] - 1);
		next unless $kw{$name};
		# a definition or a declaration: "int bad(struct ..."
		next if substr($s, 0, $-[1]) =~ /\b(?:int|void|char|bool)\s*\**\s*$/;
		my @a = args($s, $p);
		my @fmt = @{ $kw{$name} };
		my $last = (sort { $b <=> $a } @fmt)[0];
		for my $k (@fmt) {
			next unless $a[$k - 1];
			my $arg = $a[$k - 1];
			for my $l (literals($arg->[0])) {
				next if $msgid{$l->[0]};
				push @unseen, sprintf "%s:%d: \"%s\" (in %s()) is not in the template: xgettext does not see it%s",
					$f, line_of($s, $arg->[1] + $l->[1]), $l->[0], $name,
					$arg->[0] =~ /\?/ ? " (a branch of ?:)" : "";
			}
		}
		next if $name eq "_" || $name eq "N_" || $name eq "column";
		for my $i ($last .. $#a) {
			for my $l (literals($a[$i][0])) {
				next unless $l->[0] =~ /[A-Za-z]/;
				next if $allow{$l->[0]};
				push @words, sprintf "%s:%d: \"%s\" is given to %s() as an argument: it is printed untranslated",
					$f, line_of($s, $a[$i][1] + $l->[1]), $l->[0], $name;
			}
		}
	}
}
open(my $o, ">", "$ENV{MSGIDS}.d") or die; print $o "$_\n" for @bypass; close $o;
open($o, ">", "$ENV{MSGIDS}.e1") or die; print $o "$_\n" for @unseen; close $o;
open($o, ">", "$ENV{MSGIDS}.e2") or die; print $o "$_\n" for @words; close $o;
' || { echo "i18n-check: the source scan failed" >&2; exit 2; }

if [ -s "$TMP/msgids.d" ]; then
	fail "lib/ and bin/ print no words on stderr without gettext"
	indent <"$TMP/msgids.d"
else
	pass "lib/ and bin/ print no words on stderr without gettext"
fi
if [ -s "$TMP/msgids.e1" ]; then
	fail "every literal given to a message function is in the template"
	indent <"$TMP/msgids.e1"
else
	pass "every literal given to a message function is in the template"
fi
if [ -s "$TMP/msgids.e2" ]; then
	fail "no English words given to a message function as an argument"
	indent <"$TMP/msgids.e2"
else
	pass "no English words given to a message function as an argument"
fi

echo "1..$nchecks"
echo "i18n-check: $nchecks checks, $nfail failed"
[ "$nfail" = 0 ]
