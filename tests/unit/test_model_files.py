"""The embedding model's files are the released ones, checked once per change of a file."""

from __future__ import annotations

import hashlib

import pytest

from retrieval import ConfigError
from retrieval.embeddings import local_model_path
from retrieval.model_files import MODEL_FILES, verify_model_files


def test_the_installed_model_is_the_released_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    local_model_path()  # raises if any file differs


def test_a_changed_or_missing_file_is_named_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 384}')
    expected = {"config.json": hashlib.sha256(b'{"hidden_size": 384}').hexdigest()}
    hashed: list[str] = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda f, d: hashed.append(f.name) or real(f, d))

    verify_model_files(folder, expected)
    verify_model_files(folder, expected)
    assert len(hashed) == 1  # remembered until the file changes

    (folder / "config.json").write_text('{"hidden_size": 768}')
    with pytest.raises(ConfigError, match=r"config.json is not the released one: reinstall it"):
        verify_model_files(folder, expected)
    (folder / "config.json").write_text('{"hidden_size": 384}')
    with pytest.raises(ConfigError, match=r"vocab.txt is missing"):
        verify_model_files(folder, {**expected, "vocab.txt": MODEL_FILES["vocab.txt"]})
