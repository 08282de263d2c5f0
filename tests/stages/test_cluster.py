"""Clusters of claims asserting the same proposition, the offline embedding model, and the check-worthiness model."""
from __future__ import annotations

import socket

import pytest

from pipeline.stages import classify, cluster, embed


def test_union_find_names_a_cluster_after_its_smallest_claim():
    c = cluster.Clusters(["c3", "c1", "c2", "c4"])
    c.join("c3", "c2")
    c.join("c2", "c1")
    assert c.ids() == {"c1": "c1", "c2": "c1", "c3": "c1", "c4": "c4"}
    assert c.members() == {"c1": ["c1", "c2", "c3"], "c4": ["c4"]}


def test_embedding_model_loads_and_runs_without_the_network(monkeypatch):
    """With sockets blocked, the model still loads from its own package folder and embeds."""
    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to open a network connection")

    embed.model.cache_clear()
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = embed.embed(["No poison was found in his body.", "Doctors found no trace of poison.", "The vote was delayed."])
    assert vectors.shape == (3, embed.DIM)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2]  # the same proposition is closer than another topic
    embed.model.cache_clear()


@pytest.mark.parametrize(("text", "worthy"), [
    ("Police closed the road after the flood on Tuesday.", True),  # polnear-style event report
    ("At least 41 people were killed in the clashes.", True),  # a figure (events-dev style)
    ("We will never give up.", False),  # intention
    ("Do you still believe that?", False),  # question
    ("I think this is a terrible deal for the country.", False),  # opinion
])
def test_checkworthy_model_on_sentences_of_several_kinds(nlp, text, worthy):
    doc = nlp(text)
    from pipeline.stages.parse import sentence_records

    words = [w for s in sentence_records(doc) for w in s.words]
    assert classify.checkworthy_claims([(text, "said", words, lambda w: text[w.start : w.end])]) == [worthy]


def test_model_probabilities_are_the_logistic_of_features_and_embedding():
    """One matrix product for a batch gives, claim by claim, what the formula gives."""
    import math

    import numpy as np

    model = classify.CheckworthyModel({"question": -2.0, "number": 0.5}, (0.25, -0.5, 1.0), bias=0.1)
    features = [{"question": 1.0, "unknown": 3.0}, {"number": 1.0}, {}]
    vectors = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    expected = [1 / (1 + math.exp(-z)) for z in (0.1 - 2.0 + 0.25, 0.1 + 0.5 - 0.5 + 1.0, 0.1)]
    assert model.probabilities(features, vectors).tolist() == pytest.approx(expected, abs=1e-12)
    assert [model.probability(f, v) for f, v in zip(features, vectors)] == pytest.approx(expected, abs=1e-12)
    assert model.probabilities([], np.zeros((0, 3), dtype=np.float32)).shape == (0,)


def test_checkworthy_claims_take_the_embeddings_a_caller_has(nlp):
    """Given the contents' vectors, the verdicts are those it computes itself; vectors that do not fit are an error."""
    from pipeline.stages.parse import sentence_records

    texts = ["At least 41 people were killed in the clashes.", "We will never give up."]
    items = []
    for text in texts:
        words = [w for s in sentence_records(nlp(text)) for w in s.words]
        items.append((text, "said", words, lambda w, t=text: t[w.start : w.end]))
    vectors = embed.embed(texts)
    assert classify.checkworthy_claims(items, vectors) == classify.checkworthy_claims(items) == [True, False]
    with pytest.raises(ValueError, match="1 embeddings for 2 claims"):
        classify.checkworthy_claims(items, vectors[:1])
