"""Flat service functions: take a session and plain values, return plain data."""
