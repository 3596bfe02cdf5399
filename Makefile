# Clearway — the commands a developer needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
RUN := $(UV) run --frozen
# Kafka 4.3.1 is the default everywhere (clearway_infra.kafka.DEFAULT_VERSION, deploy/k8s).
# The oldest Kafka we still claim to work with; the backbone and end-to-end tests run on it too.
KAFKA_OLDEST := 3.9.1

.PHONY: help install run test control-plane test-unit test-fast test-browser screenshots lint format typecheck bench asyncapi infra-up infra-down infra-status clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: ## install uv, the Python packages, the Kafka jars, the apps' npm libraries, Chromium
	@bash scripts/install.sh

run: install ## run the whole system: PostgreSQL, Kafka, migrations, four services, demo data
	@$(RUN) python -m clearway_infra run

test: install control-plane ## run every test on its own real PostgreSQL and Kafka (4.3.1, then 3.9.1 for e2e)
	@$(RUN) pytest -q
	@echo "== again on Kafka $(KAFKA_OLDEST): the event backbone, its trust boundary, end to end"
	@KAFKA_VERSION=$(KAFKA_OLDEST) $(RUN) pytest -q tests/integration/shared tests/integration/kafka tests/e2e

control-plane: ## build the Kubernetes control plane and kwok the cluster tests run (once; cached in .local/)
	@bash scripts/control-plane.sh >/dev/null

test-unit: install ## run only the unit tests (no infrastructure)
	@$(RUN) pytest -q tests/unit

test-fast: install ## unit tests, then each service's use cases on PostgreSQL alone (no Kafka, no HTTP)
	@$(RUN) pytest -q tests/unit tests/usecases

test-browser: install ## the tablet app, the console and /docs in Chromium (screenshots in test-artefacts/)
	@$(RUN) pytest -q tests/browser

screenshots: test-browser ## refresh docs/screenshots/ from the browser tests' screenshots
	@mkdir -p docs/screenshots && cp test-artefacts/screenshots/*.png docs/screenshots/
	@ls docs/screenshots

lint: install ## ruff (lint + format check), import-linter (the layering) and strict mypy
	@$(RUN) ruff check .
	@$(RUN) ruff format --check .
	@$(RUN) lint-imports
	@$(RUN) mypy shared/*/src infra/src services/*/src tests bench

format: install ## apply ruff's formatting and safe fixes
	@$(RUN) ruff format .
	@$(RUN) ruff check --fix .

bench: install ## benchmarks beside a pgbench baseline, on their own infrastructure
	@$(RUN) python -m bench

asyncapi: ## regenerate docs/asyncapi.json from the event models
	@$(RUN) python -m clearway_contracts.asyncapi > docs/asyncapi.json

infra-up: install ## start only PostgreSQL and Kafka (state in .local/)
	@$(RUN) python -m clearway_infra up

infra-down: ## stop what infra-up or run started
	@$(RUN) python -m clearway_infra down

infra-status: ## show what is running
	@$(RUN) python -m clearway_infra status

clean: infra-down ## stop everything and delete local state (.local/, caches)
	rm -rf .local .venv .mypy_cache .ruff_cache services/gateway/web/node_modules test-artefacts
