"""One module per kind of input file: find its tables, coerce the cells, validate them (schemas/)."""
