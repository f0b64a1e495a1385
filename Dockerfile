# One image for every process of the fleet (web, worker, beat); compose.yaml starts them.
# Debian's WeasyPrint libraries (Pango) and fonts; the app's own pinned Python packages.
FROM python:3.11-slim-bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir --disable-pip-version-check -e . \
    && DEBUG=true python manage.py collectstatic --noinput -v0
RUN useradd --system --home /app resilience && chown -R resilience /app/staticfiles
USER resilience
ENV DEBUG=false PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["gunicorn", "resilience_site.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
