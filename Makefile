# Every target sets itself up: a fresh machine needs only Python 3.11 and make.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export ZHAOSHANG_HOME ?= $(CURDIR)/data
export DAGSTER_HOME := $(abspath $(ZHAOSHANG_HOME))/dagster
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: run test ui ui-check serve status portal demo lint alerts-test report ranking-notice sql backup restore bench-departments bench-customs bench-portal

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --compile-bytecode --python $(PYTHON)
	touch $@

# The browser tests drive Debian's Chromium (no browser is downloaded); Chinese pages need a CJK font to be read.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null

run: $(VENV)/.synced  ## the nightly job once, on the demo data when the landing zone is empty
	$(VENV)/bin/python -m orchestration.run

test: $(VENV)/.synced $(CHROMIUM)  ## the whole suite
	$(VENV)/bin/python -m pytest

ui: $(VENV)/.synced  ## Dagster UI on 127.0.0.1:3000 over the same instance as `make run`
	exec $(VENV)/bin/python -m orchestration.ui

serve: $(VENV)/.synced  ## the services of a server: Dagster daemon and UI (127.0.0.1:3000), the portal; supervised (ZHAOSHANG_PORTAL=off: no portal)
	exec $(VENV)/bin/python -m orchestration.serve

status: $(VENV)/.synced  ## 运行状态: the daemon's heartbeat, the last runs, the next scheduled run, waiting files, overdue sources, free disk
	@$(VENV)/bin/python -m orchestration.status

ui-check: $(VENV)/.synced  ## screenshots of a failing check and of the Runs page in headless Chromium (reports/ui/)
	$(VENV)/bin/python -m orchestration.ui_check

portal: $(VENV)/.synced  ## the departments' portal on http://127.0.0.1:8000 (ZHAOSHANG_PORTAL_PORT, ZHAOSHANG_PORTAL_BIND)
	exec $(VENV)/bin/python -m portal serve

demo: $(VENV)/.synced  ## write the demo inputs into ZHAOSHANG_HOME
	$(VENV)/bin/python -m demo --home "$(ZHAOSHANG_HOME)"

alerts-test: $(VENV)/.synced  ## check reference/alerts.yaml and send a test message to every channel it names
	$(VENV)/bin/python -m alerts test

PUBLISHED := $(ZHAOSHANG_HOME)/warehouse/zhaoshang.duckdb
PERIOD ?=
WEEK ?=

report: $(VENV)/.synced  ## 工作总结 (.docx, .md) and the leadership workbook (.xlsx) of PERIOD=2024-06 (default: latest complete month)
	$(VENV)/bin/python -m reports briefing $(if $(PERIOD),--period $(PERIOD))

ranking-notice: $(VENV)/.synced  ## 周排序通报 (.docx, .xlsx) of WEEK=2024-W26 (default: the latest ranked week)
	$(VENV)/bin/python -m reports ranking $(if $(WEEK),--week $(WEEK))

sql: $(VENV)/.synced  ## an interactive read-only SQL shell (DuckDB CLI 1.5) on the published warehouse
	@test -f "$(PUBLISHED)" || { echo "No published warehouse at $(PUBLISHED): run \`make run\` first" >&2; exit 1; }
	@$(VENV)/bin/duckdb -readonly "$(PUBLISHED)"

backup: $(VENV)/.synced  ## copy what cannot be rebuilt into the new folder DEST=... (also while the services run)
	@test -n "$(DEST)" || { echo "make backup DEST=/path/to/new/folder" >&2; exit 2; }
	$(VENV)/bin/python -m orchestration.backup backup "$(DEST)"

restore: $(VENV)/.synced  ## restore the backup SRC=... into an empty ZHAOSHANG_HOME, then `make run`
	@test -n "$(SRC)" || { echo "make restore SRC=/path/to/backup [ZHAOSHANG_HOME=/empty/folder]" >&2; exit 2; }
	$(VENV)/bin/python -m orchestration.backup restore "$(SRC)"

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .

bench-departments: $(VENV)/.synced  ## time 1,000 department workbooks against the calamine floor (bench/README.md)
	$(VENV)/bin/python bench/departments_ingest.py --files 1000 --rows 50 --single

ROWS ?= 10000000
bench-customs: $(VENV)/.synced  ## time a ROWS-line GBK platform CSV against DuckDB's own read_csv (bench/README.md)
	$(VENV)/bin/python bench/customs_platform.py --rows $(ROWS) --chunked

bench-portal: $(VENV)/.synced  ## the portal's verdict time and 30 clerks sending at once (bench/README.md)
	$(VENV)/bin/python bench/portal_verdict.py
