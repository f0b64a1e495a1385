#!/usr/bin/env bash
# Copies the pinned front-end packages (package.json) into static/vendor and tests/assets.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent bootstrap@5.3.8 htmx.org@2.0.8 axe-core@4.11.0 >/dev/null)
for f in "$tmp"/*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
b="$tmp/bootstrap-5.3.8/package"
cp "$b"/dist/css/bootstrap.min.css* "$b"/dist/js/bootstrap.bundle.min.js* "$b"/LICENSE static/vendor/bootstrap/
cp "$tmp"/htmx.org-2.0.8/package/dist/htmx.min.js "$tmp"/htmx.org-2.0.8/package/LICENSE static/vendor/htmx/
cp "$tmp"/axe-core-4.11.0/package/axe.min.js tests/assets/
echo "Vendored assets refreshed."
