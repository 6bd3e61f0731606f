/** Every Redis key Confab uses, in one place. docs/scaling.md lists the same. */
export function redisKeys(prefix: string) {
  return {
    session: (connId: string) => `${prefix}sess:${connId}`,
    peer: (peerId: string) => `${prefix}peer:${peerId}`,
    resumeSecret: `${prefix}resume-secret`,
    members: (room: string) => `${prefix}room:${room}:members`,
    password: (room: string) => `${prefix}room:${room}:pw`,
    /** The room's lobby visitors who prepared (pending entries), by peer id. */
    pending: (room: string) => `${prefix}room:${room}:pending`,
    nodeConns: (nodeId: string) => `${prefix}node:${nodeId}:conns`,
    nodeAlive: (nodeId: string) => `${prefix}node:${nodeId}:alive`,
    reapLock: (nodeId: string) => `${prefix}node:${nodeId}:reap`,
    nodes: `${prefix}nodes`,
    online: `${prefix}online`,
    names: `${prefix}names`,
    peerCalls: `${prefix}peer-calls`,
    call: (callId: string) => `${prefix}call:${callId}`,
    channel: (nodeId: string) => `${prefix}bus:${nodeId}`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;

/** Connection ids carry the id of the node that holds the socket: `<nodeId>.<n>`. */
export function nodeOf(connId: string): string {
  const dot = connId.indexOf('.');
  return dot < 0 ? '' : connId.slice(0, dot);
}
