"""What the store gives its users.

- ``export``: the export formats (JSON-LD compacted with the context), and VoID.
- ``web``: the web app: SPARQL Protocol, API and OpenAPI, pages (``templates/``,
  ``static/``); ``serve``: ``jmgraph serve``, the web app under uvicorn, its socket and
  signals.
- ``timeline``: the picture of visits per year (matplotlib).
- ``validate``: SHACL validation (``ontology/shapes.ttl``) with pySHACL.
- ``evaluate``: the scorer for gold facts.
"""
