"""The dataset's name, version and release date, and nowhere else.

pyproject.toml, the dataset card, the Croissant file, CITATION.cff (checked by a test)
and the release archives' names all read them from here.
"""
__version__ = "0.3.0"
RELEASE_DATE = "2026-12-02"  # ISO 8601 date of the release of __version__
DATASET_NAME = "kz-claims"
# The address the dataset is to be published at (a Hugging Face Hub dataset page, the format
# its card follows): the Croissant file's url and the citation's. No release has been
# published there yet (releases.json records what was built); change it here if the
# dataset is published elsewhere.
DATASET_URL = "https://huggingface.co/datasets/kz-claims/kz-claims"
