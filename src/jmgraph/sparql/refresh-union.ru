# The default graph holds the union of all documents' graphs as a set (Oxigraph's
# union-default-graph option is a bag: a triple stated in N graphs would match N times).
DROP SILENT DEFAULT ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
