"""Stage 5, to RDF.

- ``vocab``: the ontology's terms, declared once.
- ``render``: the only place that builds triples (a named graph per document, one per
  fact's description), and the version of how it renders them (``RENDERING_VERSION``).
- ``digests``: a digest per document's part of the resolution, of what its graph renders of
  it (made without the parts): ``add`` makes again only the graphs whose part changed.
"""
