"""The dataset's name, version and release date, and nowhere else.

pyproject.toml, the dataset card, the Croissant file, CITATION.cff (checked by a test)
and the release archives' names all read them from here.
"""
__version__ = "0.2.0"
RELEASE_DATE = "2026-12-01"  # ISO 8601 date of the release of __version__
DATASET_NAME = "kz-claims"
