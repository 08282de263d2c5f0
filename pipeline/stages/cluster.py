"""Cluster: claims that assert the same proposition → one ``claim_cluster_id`` (codebook, clusters).

Two claims are joined when the linker's blocking puts them side by side (the same article,
or another article of the same block) and they say the same thing: the cosine of their
embeddings (``embed``) reaches ``SIM_CLUSTER``, they share at least ``MIN_SHARED`` topic
stems, have the same polarity and no incompatible figures. Clusters are the connected
components of these pairs (union-find); a cluster is named after its smallest claim_id,
so a claim alone is its own cluster and the ids are stable.

Evidence of one member applies to the others (``spread``): a retraction only to claims of
the same source, and never a member's evidence that is itself a claim of the cluster.
"""
from __future__ import annotations

from collections.abc import Iterable

SIM_CLUSTER = 0.75  # embedding cosine from which two claims assert the same (chosen on events-dev, see the report)
MIN_SHARED = 2


class Clusters:
    """Union-find over claim ids."""

    def __init__(self, claim_ids: Iterable[str]):
        self.parent = {c: c for c in claim_ids}

    def find(self, c: str) -> str:
        """A claim id → the root of its cluster (with path halving)."""
        while self.parent[c] != c:
            self.parent[c] = self.parent[self.parent[c]]
            c = self.parent[c]
        return c

    def join(self, a: str, b: str) -> None:
        """Put two claims in one cluster; the smaller id stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def ids(self) -> dict[str, str]:
        """{claim_id: claim_cluster_id}: the smallest claim id of its cluster."""
        return {c: self.find(c) for c in sorted(self.parent)}

    def members(self) -> dict[str, list[str]]:
        """{claim_cluster_id: sorted member claim ids}."""
        out: dict[str, list[str]] = {}
        for c, root in self.ids().items():
            out.setdefault(root, []).append(c)
        return out
