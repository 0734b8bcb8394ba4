# Alinea in a container: `docker build -t alinea .`, then, once per release, `docker run --env-file .env alinea
# alinea db upgrade`, and `docker run --env-file .env -p 3000:3000 alinea` (HTTP mode; Socket Mode needs no port).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY schedules ./schedules
COPY storage ./storage
RUN pip install . && useradd --create-home --uid 10001 alinea && mkdir -p /data && chown alinea /data

USER alinea
WORKDIR /data
# A SQLite store lives in /data (mount a volume there); production sets DATABASE_URL to PostgreSQL.
ENV DATABASE_URL=sqlite:////data/alinea.db PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)"
CMD ["alinea", "run", "--host", "0.0.0.0"]
