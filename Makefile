# Biocluster: `make demo` builds and serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/biocluster
DEMO_ENV := BIOCLUSTER_DEMO=1 TASKS_BACKEND=django_tasks_db.DatabaseBackend
# Compiled bytecode is kept, in the environment's folder, even where the machine says not to
# write it (PYTHONDONTWRITEBYTECODE): otherwise each of the suite's pytest processes (two
# workers in each of four runs) compiled Django, the libraries and every test module again,
# some 11 s of CPU each before the first test.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX ?= $(CURDIR)/$(VENV)/pycache

.PHONY: demo serve screenshots test test-sqlite test-clock test-postgres lint bench bench-import bench-partnering bench-indicators bench-recommend bench-recommend-app bench-pages bench-estate bench-after-change messages vendor clean-demo

$(BIN)/biocluster: pyproject.toml uv.lock
	@scripts/ensure-uv
	uv sync --frozen
	@touch $@

messages: $(BIN)/biocluster
	cd src/biocluster && BIOCLUSTER_TESTING=1 ../../$(BIN)/biocluster compilemessages --ignore=.venv -v 0

demo: $(BIN)/biocluster messages
	$(DEMO_ENV) $(BIN)/biocluster migrate --no-input -v 0
	$(DEMO_ENV) $(BIN)/biocluster load_demo
	$(MAKE) --no-print-directory serve

serve:
	@echo "Serving the demo at http://127.0.0.1:8000 (Ctrl-C stops it)"
	@echo "E-mails it sends (no mail server): http://127.0.0.1:8000/demo/mail/ for staff logins, files in data/mail/"
	@$(DEMO_ENV) $(BIN)/biocluster db_worker >/dev/null 2>&1 & echo $$! > data/worker.pid; \
	trap 'kill $$(cat data/worker.pid) 2>/dev/null' EXIT; \
	$(DEMO_ENV) $(BIN)/gunicorn biocluster.config.wsgi --bind 127.0.0.1:8000 --workers 3 --access-logfile -

lint: $(BIN)/biocluster
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	BIOCLUSTER_TESTING=1 DATABASE_URL=sqlite://:memory: $(BIN)/biocluster makemigrations --check --dry-run -v 0

test: $(BIN)/biocluster messages lint
	@scripts/ensure-chromium
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-clock
	@scripts/ensure-postgres
	$(MAKE) --no-print-directory test-postgres

# Two workers, each taking whole files, the longest first (the root conftest's LONGEST_FIRST).
XDIST := -n 2 --dist loadfile --no-loadscope-reorder

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(XDIST) -q

# The suite must pass at any hour: again just after midnight in Paris on the two nights
# the clocks change (a 23-hour and a 25-hour day), browser journeys aside.
CLOCKS ?= 2026-03-29T00:30:00+01:00 2026-10-25T00:30:00+02:00
# What reads no clock runs once: the permission and admin matrices, the API fuzzing and the
# pure scheduler (its instances carry their own dates).
CLOCKLESS := --ignore=src/biocluster/core/tests --ignore=src/biocluster/scheduling --ignore-glob='*test_api_fuzz.py'

test-clock:
	@for clock in $(CLOCKS); do \
		echo "== test suite on SQLite at $$clock"; \
		env -u DATABASE_URL $(BIN)/pytest $(XDIST) -q -m "not browser" --clock=$$clock \
			$(CLOCKLESS) || exit 1; \
	done

# The pure scheduler touches no database: its run on SQLite says all there is to say.
test-postgres:
	@echo "== test suite on PostgreSQL"
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(XDIST) -q -m "not browser" --ignore=src/biocluster/scheduling

bench: $(BIN)/biocluster
	$(BIN)/python benchmarks/directory.py

# After a directory change: the network page's first visitors, /api/network, the people search.
bench-after-change: $(BIN)/biocluster
	$(BIN)/python benchmarks/after_change.py

bench-import: $(BIN)/biocluster
	$(BIN)/python benchmarks/import_100k.py

bench-estate: $(BIN)/biocluster
	$(BIN)/python benchmarks/estate.py

bench-partnering: $(BIN)/biocluster
	$(BIN)/python benchmarks/partnering.py

bench-indicators: $(BIN)/biocluster
	$(BIN)/python benchmarks/indicators.py

# Every page each demo login reaches by following links, at 20,000 organisations: the slowest, the
# most queries, the longest menu, and any link shown to a role that leads nowhere for it (exit 1).
bench-pages: $(BIN)/biocluster
	$(BIN)/python benchmarks/pages.py

# Partner suggestions in the application at 100,000 organisations, against the bare organisation page.
bench-recommend-app: $(BIN)/biocluster
	$(BIN)/python benchmarks/recommend_app.py

# The partner recommender: recall@10/20/50 against the baselines on our generated data set, and
# the speed of `recommend partners` (2,000 queries, 6,000 organisations) and of suggest() among 100,000.
bench-recommend: $(BIN)/biocluster
	$(BIN)/python benchmarks/recommend.py

# Screenshots of the issue's pages at 1,366 and 390 px in both languages, in bench-results/screenshots.
screenshots: $(BIN)/biocluster messages
	@scripts/ensure-chromium
	BIOCLUSTER_SCREENSHOTS=bench-results/screenshots env -u DATABASE_URL $(BIN)/pytest -p no:xdist -q \
		src/biocluster/core/tests/test_layout.py -k wider

vendor:
	npm install --no-save --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/@picocss/pico/css/pico.min.css \
	   node_modules/cytoscape/dist/cytoscape.min.js \
	   node_modules/tom-select/dist/js/tom-select.complete.min.js \
	   node_modules/tom-select/dist/css/tom-select.min.css node_modules/world-atlas/countries-110m.json \
	   src/biocluster/core/static/vendor/
	# No source maps are shipped: the manifest storage would look for the files they name.
	sed -i -E 's~(//|/\*)# sourceMappingURL=[^ *]*( \*/)?~~' src/biocluster/core/static/vendor/tom-select.*

clean-demo:
	rm -rf data
