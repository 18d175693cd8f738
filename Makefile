# storybot: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORYBOT := $(BIN)/storybot
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint run bench clean

# torch first, pinned: 2.13.0 is a CPU build on this machine's disk; anything else pulls a CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(STORYBOT) ingest
	@for q in "who wrote the letter lol" "tl;dr?" "what do ppl in the comments think" \
		"someone in the comments says the 82nd airborne just got sent to iraq, is that true" \
		"did trump threaten sanctions?" "What is the capital of Australia?"; do \
		echo; echo "$$ storybot ask \"$$q\""; $(STORYBOT) ask "$$q"; done
	@echo; echo '$$ storybot summary comments'
	@$(STORYBOT) summary comments

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q

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
