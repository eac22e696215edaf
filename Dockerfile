# The bot's image: `docker build -t hoctap-bot .`, then see docs/deploy.md (Container).
# Exactly the versions in uv.lock, a non-root user, the database on the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv

# The same uv as the Makefile's UV_VERSION.
RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock changes, not on every edit.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --extra postgres --no-install-project
COPY settings.py ./
COPY bot ./bot
COPY db ./db
COPY handlers ./handlers
RUN uv sync --locked --no-dev --extra postgres

RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin bot \
    && mkdir /data && chown bot /data
USER bot

# Polling by default, with /metrics and /healthz on 9100 (the health check needs them); for
# a webhook set BOT_MODE=webhook, WEBHOOK_URL and WEBHOOK_SECRET (/healthz is then on 8080).
ENV PATH=/opt/venv/bin:$PATH \
    DATABASE_URL=sqlite+aiosqlite:////data/bot.db \
    METRICS_PORT=9100 \
    METRICS_LISTEN=0.0.0.0 \
    WEBHOOK_LISTEN=0.0.0.0 \
    WEBHOOK_PORT=8080 \
    MPLCONFIGDIR=/tmp/matplotlib
VOLUME ["/data"]
EXPOSE 8080 9100
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "healthcheck"]
CMD ["python", "-m", "bot"]
