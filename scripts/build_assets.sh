#!/usr/bin/env bash
# Copies the pinned GOV.UK Frontend build (and axe-core, for browser tests) from node_modules into
# Django's static folder. Nothing is committed: the copy is made at build time from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/govuk-frontend/dist/govuk
dest=src/frontdoor/core/static/vendor
rm -rf "$dest"
mkdir -p "$dest/govuk" "$dest/axe"
cp "$src/govuk-frontend.min.css" "$src/govuk-frontend.min.js" "$dest/govuk/"
cp -r "$src/assets" "$dest/govuk/assets"
cp node_modules/axe-core/axe.min.js "$dest/axe/"
echo "Static assets copied to $dest"
