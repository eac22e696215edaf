"""Report files built from plain data, synchronously: callers run them in a worker thread."""
