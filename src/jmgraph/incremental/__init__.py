"""The resolution kept up to date for ``add``, so that a new or changed document is merged
into what is kept instead of resolving the corpus again; one door, ``Upkeep``, and what it
gives (``Change``).  ``build`` resolves the corpus whole (``resolve.corpus.resolve``) and keeps
it here; the tests prove what ``add`` makes from it equal to resolving the corpus whole.
Storage never imports it."""

from .upkeep import Change, Upkeep

__all__ = ["Change", "Upkeep"]
