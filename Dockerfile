# Front Door: the web server (gunicorn) and, with another command, the job worker.
# Build: docker build -t frontdoor .   Run both with compose.yaml (docs/operations.md).

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build_assets.sh scripts/
COPY src/frontdoor/core/static src/frontdoor/core/static
RUN bash scripts/build_assets.sh

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FRONTDOOR_ENV=production \
    FRONTDOOR_DATA_DIR=/var/lib/frontdoor \
    FRONTDOOR_BIND=0.0.0.0:8000
WORKDIR /app
RUN groupadd --system --gid 10001 frontdoor \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin frontdoor
COPY pyproject.toml README.md LICENSE ./
COPY src src
COPY --from=assets /build/src/frontdoor/core/static/vendor src/frontdoor/core/static/vendor
COPY deploy deploy
RUN pip install --no-compile . \
    && mkdir -p /var/lib/frontdoor \
    && chown 10001:10001 /var/lib/frontdoor
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=4).status != 200)"]
# The worker runs the same image: command ["frontdoor", "db_worker"] (see compose.yaml).
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
