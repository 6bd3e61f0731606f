#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createConfabServer } from './server.js';

/** `npm start`: one Confab node, in-memory state, configured from the environment. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`confab: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const server = createConfabServer({ config, log });
  const address = await server.listen();
  const scheme = config.tls ? 'https' : 'http';
  const shownHost = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
  log.info(
    { port: address.port, host: address.address, url: `${scheme}://${shownHost}:${address.port}`, maxPeers: config.maxPeers },
    'listening',
  );

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
