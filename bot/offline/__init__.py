"""Stand-ins for Telegram: the in-process fake, fake updates, the console.

Imported only by the composition root (bot/__main__.py, bot/cli.py), tests and bench.
"""
