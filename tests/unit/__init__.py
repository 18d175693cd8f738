"""In-process tests of the core and the CLI: no servers (the local store, fake or real embeddings)."""
