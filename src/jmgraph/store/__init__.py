"""Stage 6, store: where the graph lives, and what is kept beside it for ``add``.

- ``local``: the embedded Oxigraph store: generations (and a successor for a bulk add),
  open, replace graphs.
- ``remote``: a remote SPARQL 1.1 store (Protocol, Graph Store Protocol, Update).
- ``backend``: the store folder or the endpoint, behind one interface.
- ``sparql``: the SPARQL the library runs itself (``src/jmgraph/sparql/``), rows bound in.
- ``updates``: SPARQL Update text: insert data, and the union's change when graphs change.
- ``description_graphs``: the facts' descriptions written where they changed, dropped when
  no document states their fact.
- ``description_records``: the size and digest of each description graph, and those a
  stopped add left to look at again (SQLite).
- ``extraction_cache``: each document's extraction as JSON, gzip-compressed (what ``add``
  re-resolves with), the digest and size of each stored graph, the rendering's digest, and
  the corpus folder built from.
- ``sqlite_tables``: what the SQLite files beside the cache share (errors, batched lists).

Storage never imports ``incremental``.
"""
