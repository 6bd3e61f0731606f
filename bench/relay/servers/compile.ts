import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The bench's own servers (PeerJS, socket.io, bare ws) are TypeScript; they run as JavaScript
 * transpiled here, with plain `node`, as Confab's server runs from its build. Under a TypeScript
 * loader (`--import tsx`) a server carried a second V8 isolate (the loader's hooks thread, which
 * the GC signal does not reach) and the loader's own state: 15 MiB more at rest than Confab's,
 * memory that could move between two RSS readings without being the connections'.
 *
 * Each file is transpiled on its own (no type check: `npx tsc -p bench/relay` does that) into
 * `servers/dist/` beside its source, so the packages it imports resolve from the repository's
 * node_modules and its relative imports (`./announce.js`) from the same directory.
 */

const SERVERS_DIR = dirname(fileURLToPath(import.meta.url));
export const COMPILED_DIR = join(SERVERS_DIR, 'dist');
/** Every file a bench server imports from this directory, with the servers themselves. */
const SOURCES = ['announce.ts', 'peerjs.ts', 'socketio.ts', 'ws-relay.ts'] as const;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: false,
};

/** The JavaScript a source in this directory is transpiled to. */
export function compiledPath(source: string): string {
  return join(COMPILED_DIR, basename(source).replace(/\.ts$/, '.js'));
}

async function transpile(source: string): Promise<void> {
  const path = join(SERVERS_DIR, source);
  const { outputText, diagnostics } = ts.transpileModule(await readFile(path, 'utf8'), {
    compilerOptions: COMPILER_OPTIONS,
    fileName: path,
    reportDiagnostics: true,
  });
  if (diagnostics && diagnostics.length > 0) {
    throw new Error(`${source}: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  }
  await writeFile(compiledPath(source), outputText);
}

let compiled: Promise<void> | undefined;

/** Transpiles the bench servers once per process, before the first of them is launched. */
export function compileBenchServers(): Promise<void> {
  compiled ??= (async () => {
    await mkdir(COMPILED_DIR, { recursive: true });
    await Promise.all(SOURCES.map(transpile));
  })();
  return compiled;
}
