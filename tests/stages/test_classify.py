"""Check-worthiness and claim type on claims written for the tests."""
from __future__ import annotations

import pytest

from pipeline.stages.classify import claim_type, is_call_to_action, is_checkworthy


@pytest.mark.parametrize(("content", "cue", "expected"), [
    ("the bridge was closed for three days", "said", True),
    ("police detained about 300 people on the first night", "said", True),
    ("They told us they were going to hand out weapons", "said", True),  # a past report, not a prediction
    ("the mission refused to come because it saw no progress and would not waste its time", "said", True),
    ("We will restore order whatever it costs.", "said", False),  # threat / intention
    ("We intend to punish the organisers.", "said", False),
    ("he wants a foreign policy focused on trade", "told", False),  # intention, third person
    ("Is this what they call democracy?", "asked", False),  # question
    ("I don't feel guilty for anything that happened", "said", False),  # feeling
    ("To hold an election, you need a reason ... this is not a matter for the courts", "said", False),  # evaluation
    ("So of course the ministry had to find a culprit.", "said", False),
    ("the curfew gave them an excuse to close the markets", "added", False),
    ("citizens to gather in the main square", "urged", False),  # call to action
    ("for a boycott of the vote", "called", False),
    ("compensation to be clawed back from the executives", "called for", False),  # the cue holds 'for'
    ("fellow Republicans to withdraw their endorsements", "called on", False),
    ("Dean to apologise", "calls on Dean", False),
    ("the release of the detained journalists", "demanded", False),
    ("to build a new hospital next year", "promised", False),  # plan
    ("If the courts were independent, he would be free", "said", False),  # hypothetical
    ("The sooner the report is published, the better", "said", False),
    ("he'd spent three nights in the cells", "said", True),  # 'd is had here
    ("We are deeply concerned that the vote may be delayed", "said", False),
    ("Minister, thank you for your years of service.", "said", False),
])
def test_checkworthy(content, cue, expected):
    assert is_checkworthy(content, cue) is expected


@pytest.mark.parametrize(("content", "cue", "expected"), [
    ("for a boycott of the vote", "called", True),
    ("compensation to be clawed back", "called for", True),
    ("Dean to apologise", "calls on Dean", True),
    ("the vote rigged", "called", False),  # 'called' + a description: not a call
    ("the vote was rigged", "said", False),
    ("that the vote was rigged", "claimed on Sunday", False),  # 'on' in a cue that is not 'call'
])
def test_call_to_action(content, cue, expected):
    assert is_call_to_action(content, cue) is expected


@pytest.mark.parametrize(("content", "quote_type", "cue", "expected"), [
    ("the riots on agitators paid from abroad", "mixed", "blamed", "causal"),
    ("prices rose because the subsidy ended", "indirect", "said", "causal"),
    ("any links with the exiled banker", "indirect", "rejected", "position_statement"),
    ("some 400 people were detained", "indirect", "said", "numerical"),
    ("We were at the square all night.", "direct", "said", "quote_verification"),
    ("the square was cleared before dawn", "indirect", "said", "event_property"),
])
def test_claim_type(content, quote_type, cue, expected):
    assert claim_type(content, quote_type, cue) == expected
