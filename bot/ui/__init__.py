"""Presentation: texts, rendering, keyboards, files. No sessions, no Bot calls."""
