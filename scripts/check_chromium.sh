#!/usr/bin/env bash
# Browser tests drive the system Chromium. Stop with a clear message when it is missing,
# unless FRONTDOOR_SKIP_BROWSER=1 says to skip them on purpose.
if [ "${FRONTDOOR_SKIP_BROWSER:-0}" = "1" ]; then
  echo "FRONTDOOR_SKIP_BROWSER=1: browser tests will be SKIPPED."
  exit 0
fi
for c in "${FRONTDOOR_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then exit 0; fi
done
cat >&2 <<'MSG'
Browser tests need Chromium, which was not found at /usr/bin/chromium.
Install it with:   sudo apt-get install -y chromium
or skip the browser tests explicitly with:   FRONTDOOR_SKIP_BROWSER=1 make test
MSG
exit 1
