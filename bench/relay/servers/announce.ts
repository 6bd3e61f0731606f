import type { AddressInfo } from 'node:net';

/** Every server under test listens on loopback only. */
export const BENCH_HOST = '127.0.0.1';

/**
 * Prints the line the launcher waits for, in the shape Confab's pino logger uses for its own
 * (`{"msg":"listening","port":…}`), so all four servers are started and awaited the same way.
 */
export function announceListening(address: AddressInfo | string | null): void {
  if (address === null || typeof address === 'string') throw new Error(`unexpected listen address ${String(address)}`);
  console.log(JSON.stringify({ msg: 'listening', port: address.port, host: address.address }));
}
