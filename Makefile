# Two commands on a fresh machine:
#   make app    install into .venv and start the Streamlit app on the sample company (PORT=8501; no browser
#               is opened: open http://localhost:8501 yourself; Ctrl+C stops it)
#   make test   install into .venv (with test extras) and run the whole test suite
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: app test bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q gcpcalc  # bytecode now (an editable install has none; PYTHONDONTWRITEBYTECODE keeps Python from writing it)
	touch $(STAMP)

install: $(STAMP)

app: $(STAMP)
	@echo "Starting the app: open http://localhost:$(PORT) in your browser (Ctrl+C here stops it)."
	$(VENV)/bin/streamlit run app_streamlit.py --server.port $(PORT)

test: $(STAMP)
	bash scripts/install-system-deps.sh
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
