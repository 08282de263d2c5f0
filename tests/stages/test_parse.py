"""Parse: the loaded pipeline ends sentences at line breaks and can be sent to worker processes."""
from __future__ import annotations

import pickle

import pytest


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("A Quiet Heading\n\nThe mayor said it was fine.", ["A Quiet Heading", "The mayor said it was fine."]),
        ("Flawed Votes, Again\n\nAt the ceremony, the minister said the count was fair.",
         ["Flawed Votes, Again", "At the ceremony, the minister said the count was fair."]),
    ],
)
def test_line_breaks_end_sentences(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


def test_pipeline_pickles_for_n_process(nlp):
    clone = pickle.loads(pickle.dumps(nlp))
    assert "paragraph_sentences" in clone.pipe_names
    assert [s.text.strip() for s in clone("One Line\n\nTwo said so.").sents] == ["One Line", "Two said so."]
