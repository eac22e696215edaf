"""`python -m bot healthcheck`: ask this machine's bot for /healthz (container health checks).

Light on purpose (no Telegram or database imports): the container runs it every 30 seconds.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from settings import Settings

TIMEOUT = 8.0  # seconds; /healthz itself gives the database 5


def healthz_url(settings: Settings) -> str | None:
    """Where this process's settings serve /healthz; None when they serve none."""
    if settings.bot_mode == "webhook":
        host, port = settings.webhook_listen, settings.webhook_port
    elif settings.metrics_port is not None:
        host, port = settings.metrics_listen, settings.metrics_port
    else:
        return None
    if host in {"0.0.0.0", "::", ""}:  # listening everywhere: ask over loopback
        host = "127.0.0.1"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/healthz"


def healthcheck(settings: Settings) -> tuple[int, str]:
    """(exit code, one line): 0 when /healthz answers 200."""
    url = healthz_url(settings)
    if url is None:
        return 2, "No /healthz here: set METRICS_PORT (polling) or BOT_MODE=webhook."
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with direct.open(url, timeout=TIMEOUT) as answer:
            return 0, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:  # 503: the body says what is wrong
        return 1, f"{exc.code}: {exc.read().decode(errors='replace')}"
    except OSError as exc:
        return 1, f"{url}: {exc}"
