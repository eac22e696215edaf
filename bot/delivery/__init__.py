"""Outbound: the sender of planned messages (outbox), rate limiter, progress messages."""
