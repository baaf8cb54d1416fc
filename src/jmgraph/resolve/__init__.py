"""Stage 4, resolve: the extractions of a whole corpus -> one node per person and per fact,
``corpus.resolve(extractions) -> Resolution``, one pure function (what ``build`` and a whole
re-resolution run; what ``add`` keeps of it is ``incremental``, beside this package).

- ``resolved``: the resolved corpus as plain data (persons, offices held, events).
- ``person_clusters``: a document's mentions of a person pooled into a record; the corpus's
  records naming one person clustered.
- ``person_table``: clusters folded into summaries; persons named and slugged from them.
- ``offices``: a capacity as written -> one office node, completed from the person's others.
- ``fact_rows``: a document's facts as rows, persons and offices resolved, with when the
  document was written.
- ``fact_merge``: rows merged into one node per fact by what they say (each distinct content
  once, whatever the order of rows), group by group (visits with the same visitors and
  destination, meetings with the same participants, ...).
- ``corpus``: ``resolve``: persons named, the corpus's rows made and merged.
- ``partition``: the resolution split by document: the part each document's graph is made of.
"""
