"""The codebook's status table (section 5): first rule that applies, with a rationale naming the evidence."""
from __future__ import annotations

import pytest

from pipeline.records import EvidenceLink
from pipeline.stages.label import evidence_status


def ev(stance: str, source: str | None = None, independent: bool = True, text: str = "some evidence") -> EvidenceLink:
    return EvidenceLink("c1", stance, independent, "d1", 0, len(text), text, source, None, "test")


@pytest.mark.parametrize(("checkworthy", "links", "expected"), [
    (False, [ev("supports")], "not_checkable"),
    (True, [], "unverified"),
    (True, [ev("retracts", "s1", False), ev("supports")], "retracted"),
    (True, [ev("notes_absence"), ev("contradicts")], "unsupported"),
    (True, [ev("notes_absence"), ev("supports", "s2")], "supported"),  # independent support outweighs the absence note
    (True, [ev("contradicts"), ev("supports", "s2")], "contradicted"),  # the author settles a conflict
    (True, [ev("contradicts", "s2"), ev("supports")], "supported"),
    (True, [ev("contradicts", "s2")], "contradicted"),
    (True, [ev("supports", "s2")], "supported"),
    (True, [ev("supports", "s2"), ev("contradicts", "s3")], "disputed"),
    (True, [ev("supports", "s2", independent=False)], "unverified"),  # same affiliation settles nothing
    (True, [ev("contradicts", "s2", independent=False)], "unverified"),
])
def test_status_table(checkworthy, links, expected):
    status, rationale = evidence_status(checkworthy, links)
    assert status == expected
    if links and status not in ("not_checkable", "unverified"):
        assert "\u201csome evidence\u201d" in rationale and "d1 0-13" in rationale
