"""Stages 1 and 2, ingest: files -> documents, annotated.

- ``read``: files -> documents (text, metadata header, URL, date from the header, a
  dateline or the URL, title, hash); web pages (trafilatura), Markdown, JSON lines (a
  document per record); the corpus folder walked (every path it passes over said), a
  document's id from its path in it.
- ``annotate``: the spaCy pipeline: en_core_web_sm + line-aware sentences (datelines,
  rows; a stretch with no sentence end cut) + a date's left-out day given back + span
  rules (``patterns/``); batches of bounded text.
- ``attribute_rules``: the model's attribute ruler matched on arrays (same matches, faster).
"""
