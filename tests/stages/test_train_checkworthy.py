"""The check-worthiness trainer: examples read from a gold set, and cross-validation grouped so no group is both learnt and scored."""
from __future__ import annotations

import json

import pytest

from pipeline.stages import train_checkworthy as T


def test_examples_from_a_gold_set(nlp, tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "claims").mkdir()
    text = "The mayor said the bridge was closed on Monday. She said she hopes it reopens soon."
    (tmp_path / "articles" / "a1.txt").write_text(text, encoding="utf-8")
    rows = [{"doc_id": "a1", "content": "the bridge was closed on Monday", "checkworthy": True},
            {"doc_id": "a1", "content": "she hopes it reopens soon", "checkworthy": False},
            {"doc_id": "a1", "content": "not in the article", "checkworthy": True},  # skipped: not found
            {"doc_id": "a1", "content": "the bridge", "checkworthy": True, "optional": True}]  # skipped: optional
    (tmp_path / "claims" / "a1.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = T.examples(tmp_path, nlp)
    assert [(content, label, group) for _, content, label, group in got] == [
        ("the bridge was closed on Monday", True, f"{tmp_path.name}/a1"), ("she hopes it reopens soon", False, f"{tmp_path.name}/a1")]
    assert got[0][0]["past"] == 1.0 and got[1][0]["first_person"] == 0.0


def test_cross_validation_is_grouped_and_per_set():
    pytest.importorskip("sklearn")  # the ``train`` extra; reading examples needs only the build

    def rows(name, n):
        return [({"signal": float(i % 2)}, "the bridge was closed" if i % 2 else "we hope it reopens", bool(i % 2), f"{name}/g{i % 7}")
                for i in range(n)]

    data = {name: rows(name, 28) for name in T.SETS + T.EXTRA}
    scores = T.cross_validate(data)
    assert set(scores) == set(T.SETS + T.EXTRA)
    assert all(score == 1.0 for score in scores.values())  # a feature that is the label is learnt in every fold
