// Starts `slac lsp` for `.sla` files. A missing or broken `slac` binary is
// reported in the editor with what to set, never silently ignored.

import * as path from 'path';
import { execFile, ExecFileException } from 'child_process';
import * as vscode from 'vscode';
import { Executable, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('slac.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('slac.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The binary to run: `slac.path`, relative paths against the first workspace folder. */
function slacCommand(): string {
  const configured = (vscode.workspace.getConfiguration('slac').get<string>('path') ?? '').trim();
  if (configured === '') {
    return 'slac';
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const looksLikePath = configured.includes('/') || configured.includes('\\');
  if (looksLikePath && !path.isAbsolute(configured) && folder) {
    return path.join(folder, configured);
  }
  return configured;
}

/** Run `command args`; its output, or the error. */
function run(command: string, args: string[]): Promise<{ error: ExecFileException | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10000 }, (error, stdout) => resolve({ error, stdout: String(stdout) }));
  });
}

/** Why `command` cannot serve as the language server, or undefined when it can. */
export async function problemWith(command: string): Promise<string | undefined> {
  const version = await run(command, ['--version']);
  if (version.error && (version.error as NodeJS.ErrnoException).code === 'ENOENT') {
    return `there is no \`${command}\` to run`;
  }
  if (version.error) {
    return `\`${command} --version\` failed: ${version.error.message}`;
  }
  if (!version.stdout.startsWith('slac')) {
    return `\`${command}\` is not slac (its --version printed "${version.stdout.trim()}")`;
  }
  const lsp = await run(command, ['lsp', '--help']);
  if (lsp.error) {
    return `${version.stdout.trim()} has no \`lsp\` command; install a newer slac`;
  }
  return undefined;
}

async function start(): Promise<void> {
  const command = slacCommand();
  const problem = await problemWith(command);
  if (problem) {
    const open = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(
      `slac: the language server cannot start: ${problem}. Install slac (\`cargo install --path .\` in the slac repository) or set "slac.path" to the slac binary.`,
      open,
    );
    if (choice === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'slac.path');
    }
    return;
  }
  const run: Executable = { command, args: ['lsp'] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sla' },
      { scheme: 'untitled', language: 'sla' },
    ],
    // Files a contract reads besides its imports: its lint configuration
    // and holiday files. A change re-checks the contracts that read them.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.sla,slac.toml,*.csv,*.ics}'),
    },
  };
  client = new LanguageClient('slac', 'slac', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    void vscode.window.showErrorMessage(`slac: \`${command} lsp\` failed to start: ${String(e)}`);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}
