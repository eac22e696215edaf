"""Persistence: models, engine/session factory, migrations and query functions."""
