#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests when they are missing,
# with the Pango and fonts that WeasyPrint renders PDFs with, and poppler's pdftotext, which
# the PDF tests read the reports back with (tests/pdf_text.py).
# No browser is downloaded by a test tool: Playwright drives /usr/bin/chromium.
set -u
PACKAGES=(chromium chromium-driver poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
if command -v chromium >/dev/null 2>&1; then
  if command -v pdftotext >/dev/null 2>&1; then
    exit 0
  fi
  PACKAGES=(poppler-utils)  # the browser is here already: only what reads PDFs back is missing
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${PACKAGES[*]} from Debian's packages..."
  apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null \
    && exit 0
fi
if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq >/dev/null && \
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PACKAGES[@]}" >/dev/null \
    && exit 0
fi
echo "${PACKAGES[*]} could not be installed here: the browser tests, or the PDF tests that read"
echo "the text back with pdftotext, will be skipped (they say so)."
exit 0
