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
# A council's service is not on GOV.UK, so it may not use the GDS Transport font (and the prebuilt
# CSS points the font at /assets/fonts/, which 404s here): drop its @font-face rules and use the
# Arial/Helvetica system stack GOV.UK Frontend falls back to (docs/home-and-trays.md).
sed -i -e 's/@font-face{font-family:GDS Transport;[^}]*}//g' -e 's/GDS Transport,//g' \
  "$dest/govuk/govuk-frontend.min.css"
cp -r "$src/assets" "$dest/govuk/assets"
cp node_modules/axe-core/axe.min.js "$dest/axe/"
echo "Static assets copied to $dest"
