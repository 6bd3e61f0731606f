/**
 * A full garbage collection on demand in every server under test, so an RSS sample counts live
 * memory and not garbage that happens not to have been collected yet.
 *
 * Each server runs as `node --expose-gc --import <GC_PRELOAD> <its entry>`: the preload only
 * installs a handler that calls `gc()` on GC_SIGNAL. The server's own code is untouched, and
 * Confab's server still runs from its built JavaScript without a TypeScript loader.
 */
export const GC_SIGNAL = 'SIGUSR2';
/** How long after the signal the collection is taken to be over and RSS is read. */
export const GC_SETTLE_MS = 500;

const PRELOAD_SOURCE = `process.on(${JSON.stringify(GC_SIGNAL)}, () => { const gc = globalThis.gc; if (gc) gc(); });`;
export const GC_PRELOAD = `data:text/javascript,${encodeURIComponent(PRELOAD_SOURCE)}`;

/** The node flags that install the handler. */
export const GC_NODE_ARGS: readonly string[] = ['--expose-gc', '--import', GC_PRELOAD];
