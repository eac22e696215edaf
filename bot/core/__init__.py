"""Pure domain: dates, editions, schedules, parsing, matching.

Standard library and bot.core only: no telegram, no sqlalchemy, no other room of bot/.
"""
