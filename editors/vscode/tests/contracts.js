// The grammar over whole contracts: the shipped ones (../../contracts) or
// the files given as arguments. For each file:
// - every line is tokenised, and the file ends outside any string, text
//   block or attribute (nothing left open leaks colour onto what follows);
// - a line that starts with `//` outside a text block is a comment;
// - every `§` outside comments and strings is a citation;
// - the first word of every statement is coloured as a keyword (or a
//   category of exclusion, a day of the week): a clause keyword the
//   grammar does not know fails here.
// Exit code 1 with a list of what failed.

'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const here = __dirname;
const grammarPath = path.join(here, '..', 'syntaxes', 'sla.tmLanguage.json');
const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm')).buffer;

function files() {
  const given = process.argv.slice(2);
  if (given.length > 0) {
    return given;
  }
  const dir = path.join(here, '..', '..', '..', 'contracts');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.sla')).sort().map((f) => path.join(dir, f));
}

const STATEMENT_START = /^(variable\.other\.metric|keyword|storage\.type|support\.constant\.exclusion|constant\.language|entity\.name\.tag|punctuation|string|meta\.attribute|comment|constant\.numeric)/;

async function main() {
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar('source.sla');
  const failures = [];
  let lines = 0;
  for (const file of files()) {
    const name = path.basename(file);
    let stack = vsctm.INITIAL;
    // A line after one that ends with `,` continues its statement.
    let continues = false;
    const text = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    text.forEach((line, i) => {
      const where = `${name}:${i + 1}`;
      // Only a text block spans lines: a string or attribute ends with its line.
      const inTextBlock = stack.depth > 1;
      const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
      lines += 1;
      const scopesAt = (col) => {
        const t = tokens.find((tok) => tok.startIndex <= col && col < tok.endIndex);
        return t ? t.scopes.slice(1) : [];
      };
      const trimmed = line.trimStart();
      const first = line.length - trimmed.length;
      if (!inTextBlock && trimmed.startsWith('//') && !scopesAt(first).some((s) => s.startsWith('comment'))) {
        failures.push(`${where}: a comment line is not a comment`);
      }
      for (let col = line.indexOf('§'); col >= 0; col = line.indexOf('§', col + 1)) {
        const scopes = scopesAt(col);
        const quoted = scopes.some((s) => s.startsWith('comment') || s.startsWith('string'));
        if (!quoted && !scopes.includes('keyword.other.citation.sla')) {
          failures.push(`${where}:${col + 1}: § is not a citation (${scopes.join(' ') || 'no scope'})`);
        }
      }
      if (!inTextBlock && !continues && trimmed.length > 0 && trimmed !== '}') {
        const scopes = scopesAt(first);
        if (!scopes.some((s) => STATEMENT_START.test(s))) {
          failures.push(`${where}: the statement starts with \`${trimmed.split(/\s/)[0]}\`, which has no keyword scope`);
        }
      }
      const code = trimmed.replace(/\/\/.*$/, '').trimEnd();
      if (!trimmed.startsWith('//')) {
        continues = !inTextBlock && code.endsWith(',');
      }
      stack = ruleStack;
    });
    if (stack.depth !== 1) {
      failures.push(`${name}: the file ends inside a string, text block or attribute`);
    }
  }
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    console.error(`${failures.length} problems`);
    process.exit(1);
  }
  console.log(`grammar: ${files().length} contracts, ${lines} lines tokenised, no problems`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
