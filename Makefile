# The two commands a newcomer needs:
#   make run   — install into .venv and open the app on a demo database
#   make test  — install into .venv with test extras and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DB ?= $(CURDIR)/.demo/gongkai-demo.db
DEMO_USER ?= zhaomin
STAMP  := $(VENV)/.installed

.PHONY: run test install demo clean bench bench-postgres

run: $(STAMP) $(DEMO_DB)
	GONGKAI_HOME=$(CURDIR) GONGKAI_DB=sqlite:///$(DEMO_DB) GONGKAI_USER=$(DEMO_USER) $(BIN)/gongkai

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "gongkai needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install whenever the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The demo is a training database: GONGKAI_USER picks the officer, and its papers say 培训.
$(DEMO_DB): | $(STAMP)
	GONGKAI_HOME=$(CURDIR) GONGKAI_DB=sqlite:///$(DEMO_DB) $(BIN)/gongkai init --training
	GONGKAI_HOME=$(CURDIR) GONGKAI_DB=sqlite:///$(DEMO_DB) $(BIN)/gongkai demo --requests 2000

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(MAKE) $(DEMO_DB)

# The benchmarks (bench/README.md): the demo load first, as the others reuse the database it makes.
# Byte-compiled first, as an installed wheel is: start-up is one of the figures.
BENCHES := bench/demo.py $(filter-out bench/common.py bench/demo.py,$(wildcard bench/*.py))
bench: $(STAMP)
	$(BIN)/python -m compileall -q core tui
	for b in $(BENCHES); do $(BIN)/python $$b || exit 1; done

# The same on a throwaway PostgreSQL cluster (.ci/postgres; as root, as CI runs).
bench-postgres: $(STAMP)
	bash -c 'source .ci/postgres && pg_start && trap pg_stop EXIT && GONGKAI_DB=$$PG_URL $(MAKE) bench'

clean:
	rm -rf $(VENV) .demo site_build .pytest_cache
