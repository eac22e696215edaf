"""Inbound: long polling, webhook and the inbox worker that handles stored updates."""
