# storybot: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORYBOT := $(BIN)/storybot
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu

.PHONY: setup dev demo test lint run bench clean

# torch first, pinned, CPU build: from PyTorch's CPU wheel index where it can be reached (PyPI's Linux wheel
# is the multi-GB CUDA build), else, without a long wait, what the package index serves (on a machine with
# only a package mirror, as this one, a CPU build from its local wheels).
# --no-compile: Python compiles a module when it is first imported; compiling every file of every package
# at install (sympy, torch, kubernetes, ...) cost 2 of an install's 3 minutes here, for files never run.
PIP := $(BIN)/pip install --quiet --no-compile
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) --timeout 10 --retries 0 --index-url $(TORCH_CPU_INDEX) torch==2.13.0 || $(PIP) torch==2.13.0
	$(PIP) -e .
	touch $(STAMP)

# The development extras: pytest, SimCord, ruff, and llama-cpp-python, which compiles C++ for minutes the
# first time. Only `make test` and `make lint` need them; `make setup`, `make demo` and `make run` do not.
$(DEV_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $(DEV_STAMP)

setup: $(STAMP)

dev: $(DEV_STAMP)

demo: setup
	$(STORYBOT) ingest
	@for q in "who wrote the letter lol" "tl;dr?" "what do ppl in the comments think" \
		"someone in the comments says the 82nd airborne just got sent to iraq, is that true" \
		"did trump threaten sanctions?" "is the resolution binding?" "so r they actually leaving iraq or not??" \
		"What is the capital of Australia?"; do \
		echo; echo "$$ storybot ask \"$$q\""; $(STORYBOT) ask "$$q"; done
	@echo; echo '$$ storybot summary comments'
	@$(STORYBOT) summary comments

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Two worker processes, one test file each at a time: one builds the 109-story index or waits on the llama
# server while the other runs the rest (a file's module fixtures stay in one process).
PYTEST_WORKERS ?= 2

test: lint
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

run: setup
	$(STORYBOT) run

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data .pytest-data .pytest_cache

# Answers to the Discord-style questions of ../shared/eval/user_dev.jsonl, per question type, against the
# targets of issue 9; ARGS="--show" prints every answer.
.PHONY: user-eval
user-eval: setup
	$(BIN)/python -m bench.user_eval $(ARGS)
