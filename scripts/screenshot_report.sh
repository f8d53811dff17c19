#!/usr/bin/env bash
# The screenshot of the board report in docs/commands.md: the bundled projects as of a fixed day,
# rendered by headless Chromium.
# Usage: [HEIGHT=px] scripts/screenshot_report.sh [OUTPUT.png] [AS_OF] [PROJECTS_DIR] [PROJECT_ID...]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/report-screenshot.png}"
as_of="${2:-2012-09-01}"
projects="${3:-projects}"
shift $(( $# < 3 ? $# : 3 ))
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
    echo "screenshot_report.sh: no chromium found (Debian: apt-get install chromium)" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
szaktar report "$@" --projects "$projects" --as-of "$as_of" --lang hu -o "$work/report.html" 2>/dev/null
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1280,"${HEIGHT:-2000}" \
    --screenshot="$(realpath -m "$output")" "file://$work/report.html" 2>/dev/null
echo "$output"
