import { Observable } from './observable.js';

/** The parts of the SDK's ConfabClient the connection store needs. */
export interface ClientLike {
  readonly state: 'open' | 'reconnecting' | 'closed';
  on(event: 'state', listener: (state: 'open' | 'reconnecting' | 'closed') => void): () => void;
  close(): void;
}

export type ConnectionState<C> =
  /** Not started: a cold lobby (`?cold=1`) connects only when Join is clicked. */
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'open'; client: C }
  /** The socket dropped and the client is getting it back by itself: "Reconnecting…". */
  | { status: 'reconnecting'; client: C }
  /** The client gave up (the server refused to take it back): "Connection to the server lost". */
  | { status: 'lost' }
  /** Never opened: the server could not be reached. */
  | { status: 'unreachable'; error: unknown }
  | { status: 'closed' };

/**
 * The signaling connection. The lobby starts it on mount, in parallel with the camera, so that
 * Join goes straight to `client.join()`; `start()` returns the same promise every time, so Join
 * can await it whether or not it has already settled.
 */
export class ServerConnection<C extends ClientLike> extends Observable<ConnectionState<C>> {
  readonly #open: () => Promise<C>;
  #ready: Promise<C> | null = null;
  #client: C | null = null;
  #closed = false;

  constructor(open: () => Promise<C>) {
    super({ status: 'idle' });
    this.#open = open;
  }

  /** Connects, once; later calls return the same promise. Rejects after `close()`. */
  start(): Promise<C> {
    if (this.#ready) return this.#ready;
    if (this.#closed) return Promise.reject(new Error('The connection is closed.'));
    this.set({ status: 'connecting' });
    this.#ready = this.#open().then(
      (client) => {
        if (this.#closed) {
          client.close();
          throw new Error('The connection was closed before it opened.');
        }
        this.#client = client;
        client.on('state', (state) => {
          if (!this.#closed) this.set(stateOf(client, state));
        });
        this.set(stateOf(client, client.state));
        return client;
      },
      (error: unknown) => {
        if (!this.#closed) this.set({ status: 'unreachable', error });
        throw error;
      },
    );
    // Nobody may await it (the person never clicks Join); a failure is shown through the state.
    this.#ready.catch(() => {});
    return this.#ready;
  }

  /** Closes the client, now or as soon as it connects. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#client?.close();
    this.#client = null;
    this.set({ status: 'closed' });
  }
}

function stateOf<C extends ClientLike>(client: C, state: ClientLike['state']): ConnectionState<C> {
  if (state === 'open') return { status: 'open', client };
  if (state === 'reconnecting') return { status: 'reconnecting', client };
  return { status: 'lost' };
}
