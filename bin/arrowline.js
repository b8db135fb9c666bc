#!/usr/bin/env node
// The arrowline command: a shim over the compiled TypeScript in dist/ (built by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('arrowline: E_ADDON_LOAD: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(70);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
