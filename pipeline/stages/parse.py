"""Parse: article bodies → spaCy ``Doc`` objects, and a Doc → its ``Sentence`` records."""
from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import lru_cache

from ..errors import PipelineError
from ..lexicon import CONTENT_POS
from ..records import Sentence, Word

PARAGRAPH_COMPONENT = "paragraph_sentences"


def paragraph_sentences(doc):
    """A Doc → the same Doc where a line break always ends a sentence (a heading never runs
    into the next paragraph). A module-level function, so the pipeline pickles (n_process).

    The starts are set in one ``from_array`` call: setting ``Token.is_sent_start`` one token
    at a time checks the whole Doc for a parse each time, quadratic in the article's length."""
    starts = [token.i + 1 for token in doc[:-1] if token.is_space and "\n" in token.text]
    if starts:
        from spacy.attrs import SENT_START

        column = doc.to_array([SENT_START])
        column[starts] = 1
        doc.from_array([SENT_START], column)
    return doc


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=paragraph_sentences)


@lru_cache(maxsize=4)
def load_model(name: str):
    """Installed spaCy model package name → a loaded ``Language`` (never downloads)."""
    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError:
        raise PipelineError(
            f"spaCy model {name!r} is not installed; install it (make install) or set "
            "PIPELINE_SPACY_MODEL to an installed model package"
        ) from None
    nlp = module.load() if hasattr(module, "load") else spacy.load(name)
    _register_paragraph_component()
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


def sentence_records(doc) -> Iterator[Sentence]:
    """A parsed Doc → one ``Sentence`` per sentence, with its entities and content lemmas."""
    for index, (sent, entities) in enumerate(zip(doc.sents, entities_by_sentence(doc))):
        text = sent.text
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if trail <= lead:
            continue
        yield Sentence(
            index=index,
            start=sent.start_char + lead,
            end=sent.start_char + trail,
            text=text[lead:trail],
            entities=entities,
            lemmas=tuple(t.lemma_.lower() for t in sent if is_content(t)),
            words=tuple(
                Word(t.idx, t.idx + len(t.text), t.lemma_.lower(), t.pos_, t.dep_, is_content(t), t.head.idx)
                for t in sent if not t.is_space
            ),
        )


def entities_by_sentence(doc) -> Iterator[tuple[str, ...]]:
    """A parsed Doc → for each sentence in order, the texts of the entities wholly inside it
    (what ``Span.ents`` gives, which rescans every entity of the Doc: one pass instead)."""
    ents = list(doc.ents)
    k = 0
    for sent in doc.sents:
        while k < len(ents) and ents[k].start < sent.start:
            k += 1
        inside = []
        while k < len(ents) and ents[k].end <= sent.end:
            inside.append(ents[k].text)
            k += 1
        yield tuple(inside)


def is_content(token) -> bool:
    """A spaCy token → True for a content word (noun, proper noun, verb, adjective, number; no stop word)."""
    return token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha
