"""Queries from the user.

- ``queries``: the saved queries (``queries/*.rq`` with grlc-style headers): read, bind
  parameters as RDF terms, pages, run, render.
- ``sparql_text``: SPARQL rewritten token by token (parameters replaced by their values).
- ``sandbox``: queries from outside checked, run in a worker process with a time limit.
"""
