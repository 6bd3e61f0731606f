import type { ServerName } from '../servers/registry.js';
import type { CandidateData } from '../signal-payload.js';

/**
 * One simulated peer, whatever the server: it can send a signal to another peer's id and hears
 * the signals relayed to it. Each server's protocol has an adapter in this folder.
 */
export interface RelayClient {
  /** The id other clients address this one by (server-assigned, or chosen for PeerJS). */
  readonly id: string;
  send(to: string, data: CandidateData): void;
  /** Called for every signal relayed to this client. */
  onSignal: (from: string, data: unknown) => void;
  /** Called when the server refuses a message or the connection drops while in use. */
  onFailure: (reason: string) => void;
  close(): void;
}

export interface ServerAddress {
  host: string;
  port: number;
}

export interface ClientProtocol {
  readonly server: ServerName;
  /** Opens a connection and completes the handshake that makes it a real session. */
  connect(address: ServerAddress, index: number): Promise<RelayClient>;
  /** Lets two connected clients signal each other (Confab: both join one room of two). */
  pair(a: RelayClient, b: RelayClient, room: string): Promise<void>;
}

/** How long one connection's handshake may take on a loaded two-core machine. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;

export const ignoreSignal = (): void => {};
export const ignoreFailure = (): void => {};
