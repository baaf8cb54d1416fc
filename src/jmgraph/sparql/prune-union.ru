# The default graph holds the union of all documents' graphs as a set (Oxigraph's
# union-default-graph option is a bag: a triple stated in N graphs would match N times).
# After documents' graphs were replaced, the triples only their old versions stated leave
# the union unless another of jmgraph's graphs still states them.  The library binds the
# candidates as VALUES (?s ?p ?o).  Only jmgraph's graphs count: a remote dataset may hold
# other graphs of its owner.
DELETE { ?s ?p ?o }
WHERE {
  ?s ?p ?o
  FILTER NOT EXISTS {
    GRAPH ?g { ?s ?p ?o }
    FILTER(STRSTARTS(STR(?g), "https://w3id.org/jmgraph/id/graph/"))
  }
}
