"""A real `chroma run` server on 127.0.0.1 for integration tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.support.servers import ServerProcess


def chroma_executable() -> str:
    beside = Path(sys.executable).parent / "chroma"
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if found is None:
        raise RuntimeError("the `chroma` command is not installed (it ships with chromadb)")
    return found


class ChromaServer(ServerProcess):
    name = "chroma"

    def __init__(self, path: Path, port: int | None = None) -> None:
        super().__init__(path.parent / f"chroma-{path.name}.log", port)
        self.path = path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ready_url(self) -> str:
        return f"{self.url}/api/v2/heartbeat"

    def command(self) -> list[str]:
        self.path.mkdir(parents=True, exist_ok=True)
        return [
            chroma_executable(),
            "run",
            "--path",
            str(self.path),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
