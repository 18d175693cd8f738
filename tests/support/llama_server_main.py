"""Run llama-cpp-python's OpenAI-compatible server with weight repacking switched off.

On CPUs with AMX (Sapphire Rapids and later), llama.cpp repacks weights into an AMX buffer and the first
inference can segfault (ggml-org/llama.cpp#20824). ``use_extra_bufts = False`` keeps the weights in plain
CPU buffers; everything else is the stock server: ``python -m tests.support.llama_server_main --model ...``.
"""

from __future__ import annotations

import llama_cpp.llama_cpp as bindings

_default_params = bindings.llama_model_default_params


def _without_repacking():
    params = _default_params()
    params.use_extra_bufts = False
    return params


bindings.llama_model_default_params = _without_repacking

if __name__ == "__main__":
    from llama_cpp.server.__main__ import main

    main()
