# Two commands for a fresh machine with only python3: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest bench fuzz corpus clean

# Re-install when the project's metadata changes; the stamp files remember what is installed.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# with the extras the README's examples use: the Excel workbook and the pandas frames
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[excel,pandas]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@mkdir -p out
	$(BIN)/transparantie-parser convert fixtures/pdf fixtures/text/seed-west-brabant-2020q4.txt -o out/demo.csv --regions out/demo-regions.csv -q
	@echo "wrote out/demo.csv: $$(($$(wc -l < out/demo.csv) - 1)) municipality rows (regions: out/demo-regions.csv)"
	@# the archive fixture plants a conflict (exit 1) and one of each finding between quarters
	$(BIN)/transparantie-parser panel fixtures/archive -o out/demo-panel.csv || [ $$? -eq 1 ]

test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests fixtures bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest -q

# Not part of `make test`: a benchmark report (several minutes) and a long fuzz run.
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

fuzz: $(VENV)/.installed-test
	$(BIN)/python -m tests.fuzzing 3000
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -m slow
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/test_pdf_properties.py tests/test_properties.py tests/test_stray_words.py tests/test_hostile.py tests/test_numbers.py

# Real-world robustness: every PDF under DIR (e.g. the test suites of pdf.js, qpdf, PyMuPDF)
# read with both engines; fails if any yields a report, escapes as a bug or the engines
# disagree on more than 2 % of the files.
corpus: $(VENV)/.installed-test
	@test -n "$(DIR)" || { echo "usage: make corpus DIR=folder-of-pdfs"; exit 2; }
	$(BIN)/python -m tests.corpus_run "$(DIR)" --jobs 2 --timeout 120

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
