#!/usr/bin/env node
// Bundles the Lambda (src/lambda.ts and everything it imports, the AWS SDK included) into one ESM
// file, dist-lambda/index.mjs, for template.yaml's `CodeUri: dist-lambda/` and `Handler: index.handler`.
// Workspace packages are read from their TypeScript sources (the "source" condition), so no tsc
// build is needed first.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** How Confab bundles for Node: ESM, Node 20, workspace packages from their TypeScript sources. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  mainFields: ['module', 'main'],
  // Bundled CommonJS code may still call require() for Node built-ins.
  banner: { js: "import { createRequire as __confabRequire } from 'node:module'; const require = __confabRequire(import.meta.url);" },
  logLevel: 'warning',
};

/** Builds the bundle into `outdir` (default dist-lambda/) and returns the path of index.mjs. */
export async function buildLambda(outdir = join(packageDir, 'dist-lambda')) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(packageDir, 'src/lambda.ts')],
    outfile,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
  });
  // `sam build` wants a package.json beside the code; it has no dependencies to install.
  const manifest = { name: 'confab-signaling-lambda', version: '0.1.0', private: true, type: 'module', main: 'index.mjs' };
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outfile = await buildLambda(process.argv[2]);
  console.log(`build:lambda: wrote ${outfile}`);
}
