/**
 * Loads the package for tests through an esbuild bundle, the way the Lambda ships.
 *
 * Why: the root vitest config runs workers with `--conditions module`, and under that condition
 * Node resolves `@aws-sdk/core` and `@smithy/core` to their bundler-only `dist-es` builds, whose
 * extensionless imports Node cannot load. Bundled, the SDK is resolved by esbuild instead. The
 * bundle is written under node_modules/.cache so vitest imports it natively, untransformed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../scripts/build-lambda.mjs';

export type AwsBundle = typeof import('./bundle-entry.js');

const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/confab-aws-tests/', import.meta.url));

export async function loadBundle(): Promise<{ aws: AwsBundle; cleanup: () => Promise<void> }> {
  await mkdir(CACHE_DIR, { recursive: true });
  const outfile = `${CACHE_DIR}${process.pid}-${randomBytes(4).toString('hex')}.mjs`;
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [fileURLToPath(new URL('./bundle-entry.ts', import.meta.url))],
    outfile,
    external: ['yaml'],
  });
  const aws = (await import(pathToFileURL(outfile).href)) as AwsBundle;
  return { aws, cleanup: () => rm(outfile, { force: true }) };
}
