"""Against real servers and processes on 127.0.0.1: `chroma run`, llama-cpp-python, a misbehaving
OpenAI-compatible server, reloads in processes of their own (killed with SIGKILL)."""
