# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: venv demo test lint clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@echo "== a good postmortem (expect no findings) =="
	$(BIN)/pmcheck check examples/good.md
	@echo
	@echo "== a bad postmortem (expect findings, exit 1) =="
	-$(BIN)/pmcheck check examples/bad.md

test: $(STAMP)
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/pmcheck rules --markdown > docs/rules.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info
