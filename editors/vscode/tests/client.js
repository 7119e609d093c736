// The client's start-up without VS Code: a stub `vscode` module records the
// error messages. A missing binary, a program that is not slac and a slac
// without `lsp` each give a clear message naming `slac.path`; the slac built
// in this repository (when there is one) passes the check.

'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const shown = [];
let configuredPath = '';
const vscodeStub = {
  workspace: {
    getConfiguration: () => ({ get: () => configuredPath }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    workspaceFolders: undefined,
    createFileSystemWatcher: () => ({ dispose() {} }),
  },
  window: { showErrorMessage: async (message) => { shown.push(message); return undefined; } },
  commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => undefined },
};
// The client library needs VS Code itself: a stub records what it is given.
const started = [];
class LanguageClient {
  constructor(id, name, serverOptions) {
    this.serverOptions = serverOptions;
  }
  async start() {
    started.push(this.serverOptions.run);
  }
  async stop() {}
}
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscodeStub;
  if (request === 'vscode-languageclient/node') return { LanguageClient };
  return load.call(this, request, ...rest);
};
const extension = require('../out/extension.js');

function script(name, body) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slac-client-')), name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

async function main() {
  const missing = path.join(os.tmpdir(), 'no-such-dir', 'slac');
  assert.match(await extension.problemWith(missing), /there is no `.*slac` to run/);
  const notSlac = script('other', 'echo "other 1.0"');
  assert.match(await extension.problemWith(notSlac), /is not slac/);
  const old = script('slac', 'case "$1" in --version) echo "slac 0.0.1";; *) exit 2;; esac');
  assert.match(await extension.problemWith(old), /slac 0\.0\.1 has no `lsp` command/);

  // Activating with a missing binary shows one message that says what to set.
  configuredPath = missing;
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(shown.length, 1, shown.join('\n'));
  assert.match(shown[0], /cannot start.*there is no.*slac\.path/s);

  const built = path.join(__dirname, '..', '..', '..', 'target', 'debug', 'slac');
  if (fs.existsSync(built)) {
    assert.strictEqual(await extension.problemWith(built), undefined);
    configuredPath = built;
    await extension.activate({ subscriptions: [] });
    assert.strictEqual(shown.length, 1, shown.join('\n'));
    assert.deepStrictEqual(started, [{ command: built, args: ['lsp'] }]);
    console.log('client: the slac built here starts as `slac lsp`');
  }
  console.log('client: missing, foreign and old binaries are reported with what to set');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
