"""Embed: texts → sentence vectors from a static embedding model that ships inside its wheel.

``wordllama`` (MIT) carries a 256-dimension model (``l2_supercat``) in its package folder;
it is loaded from there with downloads disabled, so a build never touches the network.
Vectors are L2-normalised: their dot product is their cosine similarity.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 256
BATCH = 64  # texts wordllama embeds at once (its default): a call over n × BATCH texts batches them alike
EMBED_BLOCK = 64 * BATCH  # texts embedded at once by a caller with many (a long article's statements): memory stays bounded


@lru_cache(maxsize=1)
def model():
    """The wordllama model, from the weights in its own package folder (no download)."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIM)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Texts → an (n, 256) float32 array of unit vectors (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = np.asarray(model().embed(list(texts), norm=False, batch_size=BATCH), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
