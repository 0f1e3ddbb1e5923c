"""PLOVER events: the ontology and pattern dictionaries as data, the coder, modality and voice."""
