import type { Deliver } from '@confab/core';
import type { ServerMessage } from '@confab/protocol';
import { PostToConnectionCommand, type ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { GoneConnections } from './gone-connections.js';

/** API Gateway's answer for a connection that no longer exists. */
export const HTTP_GONE = 410;

export function isGone(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return err.name === 'GoneException' || status === HTTP_GONE;
}

/**
 * The core's `deliver` over API Gateway, for one invocation: one PostToConnection per message.
 *
 * - Posts to one connection go out one after another, in the order the core issued them (a
 *   WebSocket would keep that order; parallel HTTP requests would not).
 * - `flush()` waits for every post, including those the core did not await, so the handler
 *   never returns (and Lambda never freezes) with a post in flight.
 * - A 410 marks that connection gone, and later posts to it are skipped, instead of failing the
 *   sender's message; any other failure rejects, for the core to log.
 */
export class ApiGatewayOutbox {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly client: ApiGatewayManagementApiClient,
    private readonly gone: GoneConnections,
  ) {}

  readonly deliver: Deliver = (connId, msg) => {
    const previous = this.tails.get(connId) ?? Promise.resolve();
    const sent = previous.then(() => this.post(connId, msg));
    this.tails.set(
      connId,
      sent.catch(() => {}),
    );
    return sent;
  };

  /** Resolves once every post issued so far (and any issued meanwhile) has finished. */
  async flush(): Promise<void> {
    const awaited = new Set<Promise<void>>();
    for (;;) {
      const fresh = [...this.tails.values()].filter((tail) => !awaited.has(tail));
      if (fresh.length === 0) return;
      for (const tail of fresh) awaited.add(tail);
      await Promise.all(fresh);
    }
  }

  private async post(connId: string, msg: ServerMessage): Promise<void> {
    if (this.gone.has(connId)) return;
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connId, Data: JSON.stringify(msg) }));
    } catch (err) {
      if (!isGone(err)) throw err;
      this.gone.mark(connId);
    }
  }
}
