# ds_shell: builds ds_shell.sh from lib/ and tests it.
# make help lists the targets.

SHELL = /bin/sh
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
VENV ?= .venv
PYTHON ?= python3

SOURCES = lib/build.sh $(wildcard lib/*.sh) $(shell find lib/template -type f 2>/dev/null | LC_ALL=C sort)
STAMP = $(VENV)/.installed

.DEFAULT_GOAL := all
.PHONY: all test lint pytest bats install uninstall clean help

all: ds_shell.sh ds_shell.sh.sha256 ## build ds_shell.sh (and its .sha256) from lib/

ds_shell.sh: $(SOURCES)
	sh lib/build.sh $@

ds_shell.sh.sha256: ds_shell.sh
	sha256sum ds_shell.sh >$@.tmp && mv -f $@.tmp $@

$(STAMP): tests/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet -r tests/requirements.txt
	touch $@

# test never rebuilds ds_shell.sh: it tests the committed file, and a test
# fails when that file differs from a fresh build of lib/ (run make).
test: lint pytest bats ## install the test tools into .venv, lint, run every test

lint: $(STAMP) ## shellcheck and checkbashisms on ds_shell.sh (all of lib/*.sh) and lib/build.sh
	$(VENV)/bin/shellcheck -s sh ds_shell.sh lib/build.sh
	@if command -v checkbashisms >/dev/null 2>&1; then \
		echo "checkbashisms ds_shell.sh lib/build.sh"; checkbashisms ds_shell.sh lib/build.sh; \
	elif [ -n "$$CI" ]; then \
		echo "checkbashisms is missing (Debian package devscripts)" >&2; exit 1; \
	else \
		echo "skipped checkbashisms: not installed (Debian package devscripts)"; \
	fi

pytest: $(STAMP) ## the pytest suite in tests/
	$(VENV)/bin/python -m pytest tests

bats: $(STAMP) ## the bats-core tests of the command line
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/bats tests

install: ds_shell.sh ## install ds_shell.sh as ds_shell in PREFIX/bin (default PREFIX=/usr/local)
	mkdir -p "$(DESTDIR)$(BINDIR)"
	cp ds_shell.sh "$(DESTDIR)$(BINDIR)/ds_shell.tmp"
	chmod 755 "$(DESTDIR)$(BINDIR)/ds_shell.tmp"
	mv -f "$(DESTDIR)$(BINDIR)/ds_shell.tmp" "$(DESTDIR)$(BINDIR)/ds_shell"

uninstall: ## remove ds_shell from PREFIX/bin
	rm -f "$(DESTDIR)$(BINDIR)/ds_shell"

clean: ## remove .venv and test caches (ds_shell.sh is committed and stays)
	rm -rf $(VENV) .pytest_cache tests/__pycache__ ds_shell.sh.build-tmp

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
