"""Use cases: one module per use case; owns every transaction; never imports telegram."""
