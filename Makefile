# ds_shell: builds ds_shell.sh from lib/ and tests it.
# make help lists the targets.

SHELL = /bin/sh
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
VENV ?= .venv
PYTHON ?= python3
# pytest's workers (pytest-xdist): one per CPU. The cases are independent,
# and most of their time is spent waiting on the shells they start.
PYTEST_WORKERS ?= auto

SOURCES = lib/build.sh $(wildcard lib/*.sh) $(shell find lib/template -type f 2>/dev/null | LC_ALL=C sort)
STAMP = $(VENV)/.installed

# The shells every behaviour test runs under. Under CI a missing one fails
# the run; elsewhere its tests are skipped and the summaries say so.
DS_SHELL_TEST_SHELLS ?= bash bash-posix dash busybox mksh yash posh ksh93 zsh-sh
export DS_SHELL_TEST_SHELLS
ZSH_AS_SH = $(VENV)/zsh-as-sh/sh

.DEFAULT_GOAL := all
.PHONY: all test test-all lint pytest pytest-slow bats bench install uninstall clean help

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
test: lint pytest bats ## install the test tools into .venv, lint, run the tests under every shell

test-all: test pytest-slow ## make test, then the slower fault and fuzz cases

# lib/*.sh are parts of ds_shell.sh, without a #! line of their own, which
# checkbashisms notes for each; the note alone is filtered out.
lint: $(STAMP) ## shellcheck and checkbashisms on ds_shell.sh (all of lib/*.sh) and lib/build.sh
	$(VENV)/bin/shellcheck -s sh ds_shell.sh lib/build.sh
	@if command -v checkbashisms >/dev/null 2>&1; then \
		echo "checkbashisms ds_shell.sh lib/*.sh"; \
		out=$$(checkbashisms ds_shell.sh lib/*.sh 2>&1); status=$$?; \
		printf '%s\n' "$$out" | grep -v -e 'does not appear to have a #! interpreter line' -e '^you may get strange results$$' >&2; \
		exit $$status; \
	elif [ -n "$$CI" ]; then \
		echo "checkbashisms is missing (Debian package devscripts)" >&2; exit 1; \
	else \
		echo "skipped checkbashisms: not installed (Debian package devscripts)"; \
	fi

pytest: $(STAMP) ## the pytest suite in tests/ (without the slow cases)
	$(VENV)/bin/python -m pytest -rs -n $(PYTEST_WORKERS) -m "not slow" tests

pytest-slow: $(STAMP) ## only the slow cases of the pytest suite
	DS_SHELL_FUZZ_EXAMPLES=$${DS_SHELL_FUZZ_EXAMPLES:-400} $(VENV)/bin/python -m pytest -rs -n $(PYTEST_WORKERS) -m slow tests

bats: $(STAMP) ## the bats-core tests of the command line, under every shell
	@mkdir -p $(dir $(ZSH_AS_SH)) && ln -sf "$$(command -v zsh || echo /nonexistent/zsh)" $(ZSH_AS_SH)
	@set -e; for name in $(DS_SHELL_TEST_SHELLS); do \
		case $$name in \
			bash-posix) cmd="bash --posix" ;; busybox) cmd="busybox sh" ;; \
			zsh-sh) cmd="$(CURDIR)/$(ZSH_AS_SH)" ;; *) cmd=$$name ;; \
		esac; \
		if ! [ -x "$$(command -v $${cmd%% *})" ]; then \
			if [ -n "$$CI" ]; then echo "bats: shell $$name is not installed" >&2; exit 1; fi; \
			echo "bats: skipped shell $$name: not installed"; continue; \
		fi; \
		echo "bats under $$name"; \
		TEST_SHELL="$$cmd" PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/bats tests; \
	done

bench: $(STAMP) ## time a generation under dash and bash against cookiecutter (not part of test)
	$(VENV)/bin/python tests/bench.py

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
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
