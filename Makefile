# flashcoop: build, test, install.  `make help` lists the targets.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wformat=2 -Wno-format-nonliteral
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DOCDIR  ?= $(PREFIX)/share/doc/flashcoop
CPPFLAGS_ALL = -D_GNU_SOURCE -Iinclude -I/usr/include/iniparser \
               -DLOCALEDIR='"$(LOCALEDIR)"' $(CPPFLAGS)
LIBS     = -liniparser -lcsv -lcrypto -ljansson -lsodium -lxlsxwriter
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

COMMANDS = init enroll record close check report
LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
BINS     = $(COMMANDS:%=$(BUILD)/bin/flashcoop-%)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNITS    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MAN1     = $(wildcard man/man1/*.1)
MAN5     = $(wildcard man/man5/*.5)
MAN7     = $(wildcard man/man7/*.7)
MANFR1   = $(wildcard man/fr/man1/*.1)
MANFR7   = $(wildcard man/fr/man7/*.7)
LINGUAS  = $(patsubst po/%.po,%,$(wildcard po/*.po))
MO       = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/flashcoop.mo)
EXAMPLES = $(wildcard examples/*)

# The release: flashcoop-VERSION.tar.gz, VERSION read as the pot rule does.
VERSION  := $(shell sed -n 's/.*FLASHCOOP_VERSION "\(.*\)"/\1/p' include/flashcoop/version.h)
DISTNAME  = flashcoop-$(VERSION)
DIST_TAR  = $(BUILD)/$(DISTNAME).tar.gz
# What distcheck runs in the unpacked tarball after make: check (the tests,
# then under ASan+UBSan, ~15 min), or lighter ("unit demo", as CI).
DISTCHECK_TARGET ?= check

# The flags the objects are built with, tracked as git tracks GIT-CFLAGS:
# $(FLAGS_FILE) is rewritten only when they change (another CC or CFLAGS,
# another PREFIX and so LOCALEDIR), and every object, command and unit
# test depends on it.  So `make install PREFIX=~/.local` after a plain
# `make` rebuilds what has the old prefix compiled in, and `make` again
# rebuilds nothing.  Each BUILD (sanitize's $(BUILD)/san too) has its own.
FLAGS_FILE = $(BUILD)/FLASHCOOP-FLAGS
shq = $(subst ','\'',$(1))
TRACK_FLAGS = 'CC=$(call shq,$(CC))' \
              'CFLAGS=$(call shq,$(WARN) $(CFLAGS))' \
              'CPPFLAGS=$(call shq,$(CPPFLAGS_ALL))' \
              'LDFLAGS=$(call shq,$(LDFLAGS))' \
              'LIBS=$(call shq,$(LIBS) $(CMOCKA_LIBS))'

# xgettext finds the messages by the functions that print them: _, N_,
# ngettext, and every function declared with a printf format attribute
# (they call gettext on their format), read from the sources by
# po/keywords.sh, so that renaming or adding one keeps its messages.
XGETTEXT_KEYWORDS = $(shell sh po/keywords.sh lib/*.c lib/*.h bin/*.c include/flashcoop/*.h)

# The Debian packages the build needs, and a header each one ships.
DEB_PACKAGES = libcsv-dev libiniparser-dev libcmocka-dev libssl-dev libjansson-dev \
               libsodium-dev libxlsxwriter-dev
DEB_HEADERS  = /usr/include/csv.h /usr/include/iniparser/iniparser.h \
               /usr/include/cmocka.h /usr/include/openssl/evp.h \
               /usr/include/jansson.h /usr/include/sodium.h \
               /usr/include/xlsxwriter.h

.PHONY: all deps check-deps check test unit cli sanitize demo install \
        uninstall clean help bench pot i18n-check faults crash stress \
        cppcheck fuzz valgrind dist distcheck FORCE

all: check-deps $(BINS) $(MO)

help:
	@echo 'make            build the commands into $(BUILD)/bin'
	@echo 'make deps       install the Debian packages (as root): $(DEB_PACKAGES)'
	@echo 'make demo       set up, build, and run a Flashcoop end to end'
	@echo 'make check      unit and command tests, then again under ASan+UBSan'
	@echo 'make install    PREFIX=$(PREFIX) DESTDIR=$(DESTDIR): commands, man pages, messages,'
	@echo '                completion, examples in DOCDIR=$(DOCDIR)/examples'
	@echo '                (another PREFIX than the build'"'"'s rebuilds what has it compiled in)'
	@echo 'make uninstall  remove what make install put there (same PREFIX, DESTDIR)'
	@echo 'make dist       $(DIST_TAR): the files git tracks, under $(DISTNAME)/'
	@echo 'make distcheck  unpack that tarball in a temp folder: make, make DISTCHECK_TARGET,'
	@echo '                install, uninstall (DISTCHECK_TARGET=check, ~15 min; CI sets'
	@echo '                "unit demo": the unit tests and the demo, to stay within 30 min)'
	@echo 'make bench      benchmark: record, batch, report vs awk/Miller (~2 min)'
	@echo 'make faults     every I/O call and malloc failed in turn (~5 min)'
	@echo 'make crash      writers killed with SIGKILL (~1 min)'
	@echo 'make stress     8 writers and a reader at once (~25 s)'
	@echo 'make fuzz       libFuzzer targets, FUZZ_SECONDS each (default 30)'
	@echo 'make valgrind   the command tests under valgrind (slow)'
	@echo 'make cppcheck   static analysis'

check-deps:
	@missing=; for h in $(DEB_HEADERS); do [ -f $$h ] || missing="$$missing $$h"; done; \
	if [ -n "$$missing" ]; then \
	  echo "flashcoop needs the Debian packages $(DEB_PACKAGES)" >&2; \
	  echo "missing:$$missing" >&2; \
	  echo "install them with: sudo make deps" >&2; exit 1; fi

deps:
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "make deps installs Debian packages: run it as root (sudo make deps)" >&2; exit 1; fi
	apt-get update
	apt-get install -y --no-install-recommends make gcc libc6-dev pkg-config gettext $(DEB_PACKAGES)

# Install the packages when they are missing and we may (root), so that the
# quick start works on a fresh machine.
deps-if-needed:
	@$(MAKE) -s check-deps 2>/dev/null || { [ "$$(id -u)" = 0 ] && $(MAKE) deps; } || $(MAKE) check-deps

$(BUILD)/locale/%/LC_MESSAGES/flashcoop.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The template of the translations, from the sources; then po/*.po merged.
pot:
	xgettext --from-code=UTF-8 --add-comments=TRANSLATORS: $(XGETTEXT_KEYWORDS) \
	  --package-name=flashcoop --package-version=$$(sed -n 's/.*FLASHCOOP_VERSION "\(.*\)"/\1/p' include/flashcoop/version.h) \
	  -o po/flashcoop.pot lib/*.c bin/*.c
	for po in po/*.po; do [ -f "$$po" ] && msgmerge --quiet --update --backup=none "$$po" po/flashcoop.pot || true; done

$(FLAGS_FILE): FORCE
	@mkdir -p $(@D)
	@flags=$$(printf '%s\n' $(TRACK_FLAGS)); \
	if [ x"$$flags" != x"$$(cat $@ 2>/dev/null)" ]; then \
	  [ ! -f $@ ] || echo "    * new build flags ($@)" >&2; \
	  printf '%s\n' "$$flags" >$@; fi

FORCE:

$(BUILD)/lib/%.o: lib/%.c $(wildcard include/flashcoop/*.h) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -c -o $@ $<

$(BUILD)/libflashcoop.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/flashcoop-%: bin/flashcoop-%.c $(BUILD)/libflashcoop.a $(wildcard include/flashcoop/*.h) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(BUILD)/libflashcoop.a $(LIBS) $(LDFLAGS)

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libflashcoop.a $(wildcard include/flashcoop/*.h) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) -o $@ $< $(BUILD)/libflashcoop.a $(LIBS) $(CMOCKA_LIBS) $(LDFLAGS)

unit: check-deps $(UNITS)
	@fail=0; for t in $(UNITS); do echo "== $$t"; $$t || fail=1; done; exit $$fail

cli: check-deps $(BINS) $(MO)
	@FLASHCOOP_BIN=$(abspath $(BUILD)/bin) FLASHCOOP_LOCALEDIR=$(abspath $(BUILD)/locale) sh tests/cli/run.sh

test: unit cli

# The same tests, built and run under AddressSanitizer and UBSan.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
sanitize:
	FLASHCOOP_SANITIZED=1 $(MAKE) BUILD=$(BUILD)/san CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" test

# No message escapes translation: the template, po/*.po and the sources.
i18n-check:
	sh tests/i18n-check.sh

check: test i18n-check sanitize

demo: deps-if-needed all
	@FLASHCOOP_BIN=$(abspath $(BUILD)/bin) sh examples/cookies-week.sh

# Speed and memory, measured (not part of check): tests/bench/README.md.
bench: all
	@CC="$(CC)" BENCH_BUILD=$(abspath $(BUILD)/bench) FLASHCOOP_BIN=$(abspath $(BUILD)/bin) sh tests/bench/run.sh

# libFuzzer targets (clang), each for FUZZ_SECONDS, then the regressions.
FUZZ_SECONDS ?= 30
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(abspath $(BUILD)/fuzz) sh tests/fuzz/run.sh

# The command tests with every command under valgrind (VALGRIND_TESTS to
# choose some: "t0100 t0300").
valgrind: check-deps $(BINS) $(MO)
	FLASHCOOP_BIN=$(abspath $(BUILD)/bin) FLASHCOOP_LOCALEDIR=$(abspath $(BUILD)/locale) sh tests/valgrind/run.sh

# Static analysis: cppcheck over lib/ and bin/, any finding fails.
cppcheck:
	sh tests/cppcheck.sh

# ---- reliability (not part of check; tests/faults/README.md) ----
# A normal build (no ASan: the shim replaces malloc), and the fault shim.
FAULT_SHIM = $(BUILD)/faults/shim.so

$(FAULT_SHIM): tests/faults/shim.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -g -shared -fPIC -D_GNU_SOURCE -o $@ $< -ldl

faults: check-deps $(BINS) $(MO) $(FAULT_SHIM)
	@FLASHCOOP_BIN=$(abspath $(BUILD)/bin) FAULT_SHIM=$(abspath $(FAULT_SHIM)) sh tests/faults/run.sh

crash: check-deps $(BINS) $(MO) $(FAULT_SHIM)
	@FLASHCOOP_BIN=$(abspath $(BUILD)/bin) FAULT_SHIM=$(abspath $(FAULT_SHIM)) sh tests/crash/run.sh

stress: check-deps $(BINS) $(MO)
	@FLASHCOOP_BIN=$(abspath $(BUILD)/bin) sh tests/stress/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1)
	$(if $(MAN5),install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5)
	$(if $(MAN7),install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7)
	$(if $(MANFR1),install -d $(DESTDIR)$(MANDIR)/fr/man1 && install -m 644 $(MANFR1) $(DESTDIR)$(MANDIR)/fr/man1)
	$(if $(MANFR7),install -d $(DESTDIR)$(MANDIR)/fr/man7 && install -m 644 $(MANFR7) $(DESTDIR)$(MANDIR)/fr/man7)
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completion/flashcoop.bash $(DESTDIR)$(BASHCOMPDIR)/flashcoop-init
	for c in $(filter-out init,$(COMMANDS)); do \
	  ln -sf flashcoop-init $(DESTDIR)$(BASHCOMPDIR)/flashcoop-$$c || exit 1; done
	for l in $(LINGUAS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/flashcoop.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done
	install -d $(DESTDIR)$(DOCDIR)/examples
	for f in $(EXAMPLES); do if [ -x "$$f" ]; then m=755; else m=644; fi; \
	  install -m $$m "$$f" $(DESTDIR)$(DOCDIR)/examples/ || exit 1; done

uninstall:
	rm -f $(COMMANDS:%=$(DESTDIR)$(BINDIR)/flashcoop-%)
	rm -f $(MAN1:man/man1/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/man5/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(MAN7:man/man7/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(MANFR1:man/fr/man1/%=$(DESTDIR)$(MANDIR)/fr/man1/%)
	rm -f $(MANFR7:man/fr/man7/%=$(DESTDIR)$(MANDIR)/fr/man7/%)
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/flashcoop.mo)
	rm -f $(COMMANDS:%=$(DESTDIR)$(BASHCOMPDIR)/flashcoop-%)
	rm -f $(EXAMPLES:examples/%=$(DESTDIR)$(DOCDIR)/examples/%)
	rmdir $(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(DOCDIR) 2>/dev/null || true

# The tarball of the sources: the files git tracks (git ls-files, so nothing
# untracked slips in), or, out of git (an unpacked tarball), every file but
# the build's, each under $(DISTNAME)/ with its mode.
dist:
	@set -e; stage=$(BUILD)/dist/$(DISTNAME); rm -rf $(BUILD)/dist; mkdir -p "$$stage"; \
	if [ -n "$$(git ls-files 2>/dev/null | head -n 1)" ]; then \
	  git ls-files -z | xargs -0 cp -p -P --parents -t "$$stage"; \
	else \
	  find . \( -path ./.git -o -path ./build -o -path './$(BUILD)' \) -prune -o ! -type d -print0 | \
	    xargs -0 cp -p -P --parents -t "$$stage"; \
	fi; \
	tar -C $(BUILD)/dist --sort=name --owner=0 --group=0 --numeric-owner -czf $(DIST_TAR) $(DISTNAME); \
	rm -rf $(BUILD)/dist; echo "$(DIST_TAR)"

# The tarball unpacked in a temp folder outside git, built, tested
# (DISTCHECK_TARGET), installed and uninstalled under a DESTDIR that must be
# left without a file, then cleaned to nothing but the tarball's files.
distcheck: dist
	@set -e; d=$$(mktemp -d "$${TMPDIR:-/tmp}/flashcoop-distcheck.XXXXXX"); \
	trap 'chmod -R u+w "$$d"; rm -rf "$$d"' EXIT; \
	tar -C "$$d" -xzf $(abspath $(DIST_TAR)); cd "$$d/$(DISTNAME)"; \
	echo "== distcheck in $$d/$(DISTNAME): make, make $(DISTCHECK_TARGET)"; \
	$(MAKE) BUILD=build; \
	$(MAKE) BUILD=build $(DISTCHECK_TARGET); \
	echo "== distcheck: make install, make uninstall DESTDIR=$$d/inst"; \
	$(MAKE) BUILD=build install DESTDIR="$$d/inst"; \
	$(MAKE) BUILD=build uninstall DESTDIR="$$d/inst"; \
	left=$$(cd "$$d/inst" && find . ! -type d); \
	if [ -n "$$left" ]; then echo "distcheck: make uninstall left files behind:" >&2; \
	  echo "$$left" >&2; exit 1; fi; \
	$(MAKE) BUILD=build clean; \
	tar -tzf $(abspath $(DIST_TAR)) | sed -n 's,^$(DISTNAME)/,./,p' | grep -v '/$$' | sort >"$$d/dist.list"; \
	find . ! -type d | sort >"$$d/tree.list"; \
	if ! cmp -s "$$d/dist.list" "$$d/tree.list"; then \
	  echo "distcheck: after make clean the tree is not the tarball's (< tarball, > tree):" >&2; \
	  diff "$$d/dist.list" "$$d/tree.list" >&2; exit 1; fi; \
	echo "distcheck: $(DIST_TAR) builds, passes make $(DISTCHECK_TARGET), installs and uninstalls cleanly"

clean:
	rm -rf $(BUILD)
