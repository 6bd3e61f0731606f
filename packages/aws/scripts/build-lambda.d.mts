import type { BuildOptions } from 'esbuild';

/** How Confab bundles for Node: ESM, Node 20, workspace packages from their TypeScript sources. */
export declare const ESBUILD_OPTIONS: BuildOptions;
/** Builds the Lambda bundle into `outdir` (default dist-lambda/) and returns the path of index.mjs. */
export declare function buildLambda(outdir?: string): Promise<string>;
