#!/usr/bin/env node
// The `archscope` command (`npx archscope ...` in the checkout): runs the bundled CLI with plain node.
// The bundle is a build output, made by `npm run build:cli` (npm ci runs it through `prepare`).
import { existsSync } from 'node:fs';

const bundle = new URL('../build-cli/shapes.mjs', import.meta.url);
if (existsSync(bundle)) await import(bundle.href);
else {
  process.stderr.write(
    'archscope: the CLI is not built (build-cli/shapes.mjs is missing): run `npm run build:cli` in the checkout (npm ci does this too)\n'
  );
  process.exitCode = 1;
}
