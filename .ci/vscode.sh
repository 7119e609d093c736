#!/usr/bin/env bash
# The VS Code extension (editors/vscode): install its locked dependencies,
# compile it, test the grammar on annotated samples and on the shipped
# contracts, and package it as a .vsix. Needs node 20 or later and npm; run
# it alone with `.ci/vscode.sh` (about a minute with a warm npm cache).
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "error: the extension's tools (vsce) need node 20 or later; this is node $(node --version)" >&2
  exit 1
fi
npm ci --no-audit --no-fund
npm run compile
npm run test:grammar
npm run test:contracts
npm run test:client
npm run package
ls -l slac.vsix
