# The default graph holds the union of all documents' graphs as a set (Oxigraph's
# union-default-graph option is a bag: a triple stated in N graphs would match N times).
# Only jmgraph's graphs: a remote dataset may hold other graphs of its owner.
DROP SILENT DEFAULT ;
INSERT { ?s ?p ?o }
WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/jmgraph/id/graph/"))
}
