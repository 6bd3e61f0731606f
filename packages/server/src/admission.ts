import type { IncomingMessage } from 'node:http';

export interface AdmissionOptions {
  /** Allowed `Origin` values; empty allows any. */
  allowedOrigins: readonly string[];
  maxConnectionsPerIp: number;
  /** Take the client address from X-Forwarded-For (set when behind a trusted reverse proxy). */
  trustProxy: boolean;
}

export type Refusal = { status: 403 | 429; reason: string };

/**
 * Decides at the WebSocket upgrade whether a connection may open: its Origin must be allowed and
 * its address must hold fewer than the maximum number of connections.
 */
export class Admission {
  private readonly perIp = new Map<string, number>();

  constructor(private readonly options: AdmissionOptions) {}

  clientIp(req: IncomingMessage): string {
    const forwarded = this.options.trustProxy ? req.headers['x-forwarded-for'] : undefined;
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    return first || req.socket.remoteAddress || 'unknown';
  }

  check(req: IncomingMessage, ip: string): Refusal | undefined {
    const { allowedOrigins, maxConnectionsPerIp } = this.options;
    if (allowedOrigins.length > 0 && !allowedOrigins.includes(req.headers.origin ?? '')) {
      return { status: 403, reason: 'origin not allowed' };
    }
    if ((this.perIp.get(ip) ?? 0) >= maxConnectionsPerIp) return { status: 429, reason: 'too many connections from this address' };
    return undefined;
  }

  opened(ip: string): void {
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
  }

  closed(ip: string): void {
    const n = (this.perIp.get(ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(ip);
    else this.perIp.set(ip, n);
  }
}
