"""What the dataset card and the Croissant Responsible-AI properties say about collection,
annotation, limits, biases, personal information, uses and maintenance: written once here,
so the card (its template) and ``croissant.json`` (``rai:*``) never disagree; and the
dataset's name and citation (BibTeX), which both print.
"""
from __future__ import annotations

from ..version import DATASET_NAME, DATASET_URL, RELEASE_DATE, __version__

PRETTY_NAME = "kz-claims: attributed claims, their sources and the evidence the corpus holds"
CREATOR = "The kz-claims maintainers"

DATA_COLLECTION = (
    "Articles are plain-text news reports chosen by the maintainers, each with optional YAML front matter "
    "(title, outlet, date, address, language, event, provenance, rights). The first corpus is two articles on "
    "protests in Kazakhstan (2019 and 2022), identified by searching the web for their opening sentences; the "
    "front matter states what is known of each and how it was found. Fields the front matter does not state are "
    "null, never guessed. The headline, captions, credits, datelines and page furniture are removed from the "
    "body by general rules; the body that remains is articles.text and every offset indexes it."
)
DATA_COLLECTION_TYPE = ["Secondary Data Analysis", "Manual Human Curation"]
MISSING_DATA = (
    "Article metadata the source does not give stays null: one seed is a reworded copy of an Associated Press "
    "story whose own address and date are not known, so its url and published are null. Speaker and cue offsets "
    "are null where the speaker or cue is not written in the claim's sentence."
)
ANNOTATION_PROTOCOL = [
    "Claims, sources and evidence are extracted by the pipeline's rules (spaCy parsing, reporting-cue patterns, "
    "source resolution across articles), following the codebook (docs/codebook.md) that defines every label.",
    "Evidence status is given by the codebook's ordered rules from the evidence links; a curator's reviewed label "
    "(raw/curation/reviewed_labels.csv), where one exists, overrides the rules' label and label_source says which.",
    "Every label carries a one-sentence rationale naming the evidence it rests on, and exact character offsets.",
]
MACHINE_ANNOTATION_TOOLS = [
    "spaCy 3.8 with the en_core_web_sm 3.8.0 model (tokens, sentences, dependency parse, entities)",
    f"the {DATASET_NAME} pipeline's rules (pipeline/stages: extract, resolve, classify, link, label)",
]
LIMITATIONS = [
    "Labels are relative to the corpus, not world truth: supported means the reporting in this corpus supports "
    "the claim, contradicted that it contradicts it, unverified that nothing in the corpus bears on it. "
    "unsupported is an absence of evidence, never a refutation.",
    "Labels are produced by rules and may be wrong; on news the rules were not written from, evidence status "
    "and check-worthiness are far less accurate than extraction. Check status_rationale and the evidence rows "
    "before relying on a label.",
    "The corpus is small and covers few news events; its distributions do not describe news in general.",
]
BIASES = [
    "Whose claims appear depends on whom the outlets chose to quote; sources the articles do not quote are absent.",
    "A claim's status depends on what else the corpus reports: claims of sources the other articles corroborate "
    "are more often supported, and the author's own reporting settles conflicts between sources.",
    "Affiliations (government, opposition, protester ...) are assigned by rules from roles and descriptions in "
    "the text and can misplace a source.",
]
PERSONAL_SENSITIVE_INFORMATION = [
    "Names, roles and quoted words of the people the articles quote: public officials, but also private "
    "individuals such as protesters and activists, some of them named.",
    "Political opinions and participation in protests are attributed to named people, as the published news "
    "reports them; nothing is added beyond the published text.",
]
USE_CASES = [
    "Study of sourcing and attribution in news: who is quoted, with which reporting cues, and how their claims "
    "are corroborated within the corpus.",
    "Training and evaluating claim detection, attribution and evidence-linking systems; the AVeriTeC and FEVER "
    "columns map the statuses to those benchmarks' labels.",
    "Not for judging individuals or deciding what is true: a status reflects what the articles report.",
]
MAINTENANCE = (
    "Every release has a semantic version; any change to a Parquet file gets a new version, a CHANGELOG.md "
    "entry and new checksums (releases.json records the checksums of every released version, and a test fails "
    "when they disagree). Verify a download with sha256sum -c SHA256SUMS. Problems and corrections: open an "
    "issue in the project's repository."
)


def bibtex() -> str:
    """→ the dataset's citation as a BibTeX entry."""
    key = f"{DATASET_NAME.replace('-', '_')}_{__version__.replace('.', '_')}"
    fields = {
        "title": f"{{{PRETTY_NAME}}}",
        "author": f"{{{CREATOR}}}",
        "year": RELEASE_DATE[:4],
        "month": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")[int(RELEASE_DATE[5:7]) - 1],
        "version": __version__,
        "url": DATASET_URL,
        "note": f"Dataset, version {__version__}, released {RELEASE_DATE}",
    }
    body = ",\n".join(f"  {k} = {{{v}}}" if k not in ("month",) else f"  {k} = {v}" for k, v in fields.items())
    return f"@misc{{{key},\n{body}\n}}"
