import { ConfabError, MAX_MESSAGE_BYTES } from '@confab/protocol';
import { SignalingCore, type CoreLogger, type CoreOptions } from '@confab/core';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { ApiGatewayOutbox } from './api-gateway-deliver.js';
import { GoneConnections } from './gone-connections.js';

/** The fields of an API Gateway WebSocket proxy event that Confab reads. */
export interface WebSocketEvent {
  requestContext: {
    routeKey: string;
    connectionId: string;
    domainName: string;
    stage: string;
  };
  body?: string | null;
  isBase64Encoded?: boolean;
  /** Present on `$connect`. */
  headers?: Record<string, string | undefined> | null;
}

export interface WebSocketResult {
  statusCode: number;
  body?: string;
}

export type WebSocketHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

export interface HandlerOptions extends Omit<CoreOptions, 'deliver'> {
  /**
   * Base URL of the @connections API. Default: `https://${domainName}/${stage}` from the event,
   * which is wrong behind a custom domain: template.yaml sets CALLBACK_URL to the execute-api URL.
   */
  callbackUrl?: string;
  /** Builds the client that posts to connections (tests pass region and credentials). */
  managementClient?: (endpoint: string) => ApiGatewayManagementApiClient;
  /** Larger text bodies are refused with MESSAGE_TOO_LARGE (API Gateway itself stops at 128 KB). */
  maxMessageBytes?: number;
  /** When not empty, `$connect` refuses any other `Origin` with 403. */
  allowedOrigins?: readonly string[];
}

/**
 * Bounds the clean-up of gone connections: each round's `peer-left` can reveal more gone ones,
 * but a room is small and each connection is cleaned once.
 */
const MAX_CLEANUP_ROUNDS = 8;

const ok = (): WebSocketResult => ({ statusCode: 200 });
const silent: CoreLogger = { info() {}, warn() {}, error() {} };

export function callbackUrlOf(event: WebSocketEvent): string {
  return `https://${event.requestContext.domainName}/${event.requestContext.stage}`;
}

function headerOf(event: WebSocketEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * The Lambda handler for the `$connect`, `$disconnect` and `$default` routes. Each invocation
 * builds a SignalingCore over the shared store with a `deliver` that posts through API Gateway,
 * feeds it the one event, then cleans up exactly the connections API Gateway reported gone.
 */
export function createHandler(options: HandlerOptions): WebSocketHandler {
  const { callbackUrl, managementClient, maxMessageBytes = MAX_MESSAGE_BYTES, allowedOrigins = [], ...coreOptions } = options;
  const log = coreOptions.log ?? silent;
  const clients = new Map<string, ApiGatewayManagementApiClient>();
  const clientFor = (endpoint: string): ApiGatewayManagementApiClient => {
    let client = clients.get(endpoint);
    if (!client) {
      client = managementClient ? managementClient(endpoint) : new ApiGatewayManagementApiClient({ endpoint });
      clients.set(endpoint, client);
    }
    return client;
  };

  return async (event) => {
    const { routeKey, connectionId } = event.requestContext;
    if (routeKey === '$connect') {
      const origin = headerOf(event, 'origin');
      if (allowedOrigins.length > 0 && (origin === undefined || !allowedOrigins.includes(origin))) {
        log.info({ connId: connectionId, origin }, 'connect refused: origin not allowed');
        return { statusCode: 403, body: 'origin not allowed' };
      }
      return ok();
    }

    const gone = new GoneConnections();
    const outbox = new ApiGatewayOutbox(clientFor(callbackUrl ?? callbackUrlOf(event)), gone);
    const core = new SignalingCore({ ...coreOptions, deliver: outbox.deliver });

    if (routeKey === '$disconnect') {
      await core.disconnect(connectionId);
    } else if (event.isBase64Encoded) {
      await core.reject(connectionId, new ConfabError('BINARY_NOT_SUPPORTED', 'Send JSON text frames, not binary.'));
    } else {
      const body = event.body ?? '';
      if (Buffer.byteLength(body, 'utf8') > maxMessageBytes) {
        await core.reject(
          connectionId,
          new ConfabError('MESSAGE_TOO_LARGE', `The frame is larger than ${maxMessageBytes} bytes.`),
        );
      } else {
        await core.receive(connectionId, body);
      }
    }

    for (let round = 0; round < MAX_CLEANUP_ROUNDS; round++) {
      await outbox.flush();
      const stale = gone.takeNew();
      if (stale.length === 0) break;
      log.info({ connId: connectionId, stale }, 'cleaning up gone connections');
      await Promise.all(stale.map((id) => core.disconnect(id)));
    }
    await outbox.flush();
    return ok();
  };
}
