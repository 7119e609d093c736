#!/usr/bin/env bash
# Rendered pages in a real browser (docs/render.md): every shipped contract
# in both languages and the example report (one month, and a year of
# months) are rendered by slac, opened in headless Chromium, screenshotted
# to PNG, and checked: the PNG is not blank (.ci/png_not_blank.py) and the
# DOM Chromium built holds the page's text. Installs Debian's chromium and
# CJK fonts when they are missing. Run alone: .ci/render.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/render}"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi

cargo build --locked --quiet
slac=target/debug/slac
rm -rf "$out"
mkdir -p "$out"

browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d)" "$@" 2>/dev/null
}

# $1: page, $2: text Chromium's DOM must hold.
check_page() {
  local page="$1" want="$2" url
  url="file://$(realpath "$page")"
  browser --screenshot="${page%.html}.png" --window-size=1200,3000 "$url" >/dev/null
  browser --dump-dom "$url" >"${page%.html}.dom"
  if ! grep -qF -- "$want" "${page%.html}.dom"; then
    echo "$page: Chromium's DOM lacks \"$want\"" >&2
    exit 1
  fi
}

# The checker itself: a page that draws nothing must be found blank.
printf '<!DOCTYPE html><html><body style="background:#fff"></body></html>\n' >"$out/blank.html"
browser --screenshot="$out/blank.png" --window-size=800,600 "file://$(realpath "$out/blank.html")" >/dev/null
if python3 .ci/png_not_blank.py "$out/blank.png" >/dev/null 2>&1; then
  echo ".ci/png_not_blank.py passed a blank page" >&2
  exit 1
fi
rm "$out/blank.html" "$out/blank.png"

for contract in contracts/*.sla; do
  name=$(basename "$contract" .sla)
  id=$(sed -n 's/^contract "\([^"]*\)".*/\1/p' "$contract" | head -n 1)
  for lang in zh en; do
    "$slac" render "$contract" --lang "$lang" -o "$out/$name.$lang.html"
    check_page "$out/$name.$lang.html" "$id"
  done
done

# eval exits 1 when a commitment was missed: the report is written all the same.
ex=examples/bestsign-2025-03
"$slac" eval contracts/bestsign-esign-platform.sla --incidents "$ex/incidents.csv" --maintenance "$ex/maintenance.csv" \
  --probes "$ex/probes.csv" --as-of 2025-04-01T00:00:00+08:00 --format html -o "$out/report.html" || [ $? -eq 1 ]
check_page "$out/report.html" "verdict:"
year=tests/eval/amendment-july
"$slac" eval "$year/contract.sla" --incidents "$year/incidents.csv" --from 2025-01 --to 2025-12 \
  --as-of "2026-01-01 00:00:00" --format html -o "$out/report-year.html" || [ $? -eq 1 ]
check_page "$out/report-year.html" "verdict:"

python3 .ci/png_not_blank.py "$out"/*.png

# Printing to PDF goes through the print stylesheet.
for page in "$out/bestsign-esign-platform.zh.html" "$out/report.html"; do
  browser --no-pdf-header-footer --print-to-pdf="${page%.html}.pdf" "file://$(realpath "$page")" >/dev/null
  if [ "$(head -c 4 "${page%.html}.pdf")" != "%PDF" ]; then
    echo "$page: no PDF printed" >&2
    exit 1
  fi
done
echo "printed $(ls "$out"/*.pdf | wc -l) page(s) to PDF"
