"""jmgraph: texts about Japan-Mongolia relations as an RDF knowledge graph."""

__version__ = "0.1.0"
