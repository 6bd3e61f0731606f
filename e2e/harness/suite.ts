import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer, type ServerEnv } from './server.js';
import { Stage } from './stage.js';

/**
 * Vitest wiring shared by the end-to-end files: one Chromium process per file (each person is a
 * context in it, which the 2-core machine can afford), one server per describe block.
 */

/**
 * Runs `setup` once before the block's tests. If it throws, every test of the block fails with
 * that error. (A throwing beforeAll would only mark the tests "skipped", which reads as if
 * nothing were wrong: a missing Chromium or an unbuilt server must fail the tests themselves.)
 */
export function beforeAllOrFailEach(setup: () => Promise<void>): void {
  let failure: unknown;
  beforeAll(async () => {
    try {
      await setup();
    } catch (error) {
      failure = error;
    }
  });
  beforeEach(() => {
    if (failure !== undefined) throw failure;
  });
}

/** Launches Chromium before the file's tests and closes it after. Fails every test, never skips, if it is missing. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAllOrFailEach(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium did not launch');
    return browser;
  };
}

export interface ServerAndStage {
  stage: Stage;
  server: () => RunningServer;
}

/**
 * A server for the enclosing describe block, and a stage whose people are closed after each test
 * (or, with `keepPeople`, after the block, for tests that build on one another). When a test
 * fails, the browser consoles and the server log are printed with it.
 */
export function useServerAndStage(browser: () => Browser, env: ServerEnv = {}, { keepPeople = false } = {}): ServerAndStage {
  let server: RunningServer | undefined;
  const theServer = (): RunningServer => {
    if (!server) throw new Error('the server did not start');
    return server;
  };
  const stage = new Stage(browser, theServer);
  beforeAllOrFailEach(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    await stage.closeAll();
    await server?.stop();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(`${task.name}\n${stage.diagnostics()}`);
    if (!keepPeople) await stage.closeAll();
  });
  return { stage, server: theServer };
}

/** Runs `wait` and returns the milliseconds since `t0` when it resolved. */
export async function elapsedSince(t0: number, wait: () => Promise<unknown>): Promise<number> {
  await wait();
  return Date.now() - t0;
}
