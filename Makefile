# The README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
CLUSTER_LOCK := requirements-cluster.lock
TRANSLATIONS := src/missionmatch/web/translations
POT := $(TRANSLATIONS)/messages.pot
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | md5sum | cut -c1-12)

.PHONY: demo test lint lock typecheck system-deps install clean screenshots messages bench-deps

# the exact versions of the lock file, then the project itself (its ranges are checked against the lock by
# tests/test_lock.py)
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pybabel compile -d $(TRANSLATIONS)
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# after adding or changing a user-facing string: the template from the sources (babel.cfg), both catalogs
# updated from it (new messages to translate, unused ones dropped), compiled; tests/test_catalogs.py checks
# that the committed template and catalogs are in step with the sources
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k mark --sort-output --no-wrap \
		--project missionmatch --copyright-holder "missionmatch contributors" --omit-header -o $(POT) src/missionmatch
	$(BIN)/pybabel update -i $(POT) -d $(TRANSLATIONS) --ignore-obsolete --no-fuzzy-matching --no-wrap
	$(BIN)/pybabel compile -d $(TRANSLATIONS)

# after changing a range in pyproject.toml: resolve every range afresh in a clean environment, pin the result
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	{ sed -n '1,2p' $(LOCK); .lock-venv/bin/pip freeze --exclude-editable | grep -v '^missionmatch'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK) && rm -rf .lock-venv

install: $(STAMP)

# load the demo, run the matcher and the scheduler, print the results, then serve the web pages
demo: $(STAMP)
	$(BIN)/missionmatch demo run
	$(BIN)/missionmatch serve --demo

# the web benchmark's C load client (benchmarks/web/wrk_client.py); benchmarks are not part of `make test`
bench-deps:
	command -v wrk >/dev/null || apt-get install -y wrk

system-deps:
	bash scripts/install-system-deps.sh

# the optional `cluster` extra (Ray, about 75 MB): only the tests need it (tests/matching/test_cluster.py)
CLUSTER_STAMP := $(VENV)/.cluster-$(shell cat $(LOCK) $(CLUSTER_LOCK) | md5sum | cut -c1-12)
$(CLUSTER_STAMP): $(STAMP) $(CLUSTER_LOCK)
	$(BIN)/pip install --quiet -r $(CLUSTER_LOCK)
	rm -f $(VENV)/.cluster-* && touch $(CLUSTER_STAMP)

test: system-deps $(STAMP) $(CLUSTER_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# one PNG per key page on the demo data (a temporary database; var/ is left alone) into docs/screenshots/
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy over src/missionmatch with the settings of pyproject.toml ([tool.mypy])
typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache
