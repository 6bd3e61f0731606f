import { ConfabError, type ClientMessage, type ErrorMessage } from '@confab/protocol';
import { Directory, type DirectoryMessage } from './directory.js';
import { DirectoryRequests } from './directory-requests.js';
import { ConfabClientError, connectionClosed } from './errors.js';
import type { Room } from './room.js';

export interface DirectoryManagerOptions {
  /** Sends on the signaling channel; false when it is closed. */
  send(msg: ClientMessage): boolean;
  /** The client's ordinary join. */
  join(room: string, name: string, localStream: MediaStream | null): Promise<Room>;
}

/**
 * The client's side of the directory: going online and offline, and routing the directory's
 * messages (answers and pushes) to the one Directory that is open. Gets only `send` and `join`
 * from the client; the client feeds it messages through `handle()` and `handleError()`.
 */
export class DirectoryManager {
  private readonly requests: DirectoryRequests;
  private current: Directory | undefined;
  private goingOnline = false;
  /**
   * The connection dropped while online (or going online): the server may still list us (a
   * resumed session keeps its place), so `offline` is sent before anything else directory-wise.
   */
  private staleOnline = false;

  constructor(private readonly options: DirectoryManagerOptions) {
    this.requests = new DirectoryRequests((msg) => options.send(msg));
  }

  get directory(): Directory | undefined {
    return this.current;
  }

  goOnline(name: string): Promise<Directory> {
    if (this.current || this.goingOnline) {
      return Promise.reject(new ConfabError('ALREADY_ONLINE', 'Already online; go offline first to change your name.'));
    }
    this.clearStaleOnline();
    this.goingOnline = true;
    return new Promise<Directory>((resolve, reject) => {
      const sent = this.requests.send(
        { type: 'online', name },
        {
          replies: ['directory'],
          onReply: (msg) => {
            this.goingOnline = false;
            if (msg.type !== 'directory') return;
            const directory = new Directory(
              {
                request: (request, handlers) => this.requests.send(request, handlers),
                join: (room, joinName, localStream) => this.options.join(room, joinName, localStream),
                closed: (closed) => {
                  if (this.current === closed) this.current = undefined;
                },
              },
              msg,
            );
            this.current = directory;
            resolve(directory);
          },
          onError: (err) => {
            this.goingOnline = false;
            // The server may still put us online after we stopped waiting: take that back.
            if (err instanceof ConfabClientError && err.code === 'REQUEST_TIMEOUT') this.requests.send({ type: 'offline' });
            reject(err);
          },
        },
      );
      if (!sent) {
        this.goingOnline = false;
        reject(connectionClosed());
      }
    });
  }

  goOffline(): void {
    this.current?.close();
  }

  /** A directory message from the server: an answer to one of our requests, or a push. */
  handle(msg: DirectoryMessage): void {
    if (this.requests.settle(msg)) return;
    if (this.current) {
      this.current.handle(msg);
      return;
    }
    // Offline here, yet the server still counts on us: a call we went offline a moment too late
    // for, or a place kept across a reconnect. Answer so that nobody waits on us.
    if (msg.type === 'incoming-call') this.requests.send({ type: 'decline', callId: msg.callId });
    else if (msg.type === 'call-accepted') this.requests.send({ type: 'hangup', callId: msg.callId });
    this.clearStaleOnline();
  }

  /** An error from the server; true when it answered one of the directory's requests. */
  handleError(msg: ErrorMessage): boolean {
    return this.requests.settle(msg);
  }

  /**
   * The connection closed or dropped: the directory closes (its call ends `disconnected`) and
   * waiting requests fail. Going online again works once the connection is back.
   */
  close(): void {
    if (this.current || this.goingOnline) this.staleOnline = true;
    this.current?.handleDisconnected();
    this.current = undefined;
    this.requests.rejectAll(connectionClosed());
  }

  /** The connection is back after a drop: a place the server kept for us in the directory is given up. */
  handleReconnected(): void {
    this.clearStaleOnline();
  }

  private clearStaleOnline(): void {
    // NOT_ONLINE, when the server had already let us go, is expected and dropped.
    if (this.staleOnline && this.requests.send({ type: 'offline' })) this.staleOnline = false;
  }
}
