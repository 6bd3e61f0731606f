import { parseClientMessage, PROTOCOL_VERSION, type ServerMessage } from '@confab/protocol';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A tiny signaling relay that speaks enough of Confab's protocol for confab-load (hello, join,
 * signal, leave) and misbehaves once: it drops, or sends twice, the `faultAt`-th signal it relays.
 */

export type Fault = 'drop' | 'duplicate';

interface Member {
  ws: WebSocket;
  id: string;
  name: string;
  room: string | undefined;
}

export interface FaultyRelay {
  url: string;
  /** How many signals it relayed (the faulty one included). */
  relayed(): number;
  close(): Promise<void>;
}

export async function startFaultyRelay(fault: Fault, faultAt: number): Promise<FaultyRelay> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const members = new Map<string, Member>();
  let nextId = 0;
  let relayed = 0;
  const send = (ws: WebSocket, msg: ServerMessage) => ws.send(JSON.stringify(msg));
  const info = (m: Member) => ({ id: m.id, name: m.name, media: { audio: true, video: true } });
  const roommates = (m: Member) => [...members.values()].filter((o) => o !== m && o.room !== undefined && o.room === m.room);
  const leave = (m: Member) => {
    for (const o of roommates(m)) send(o.ws, { type: 'peer-left', peerId: m.id, reason: 'left' });
    m.room = undefined;
  };

  wss.on('connection', (ws) => {
    const me: Member = { ws, id: `peer${++nextId}`, name: '', room: undefined };
    members.set(me.id, me);
    ws.on('close', () => {
      leave(me);
      members.delete(me.id);
    });
    ws.on('message', (raw) => {
      const parsed = parseClientMessage(String(raw));
      if (!parsed.ok) throw parsed.error;
      const msg = parsed.msg;
      switch (msg.type) {
        case 'hello':
          return send(ws, { type: 'welcome', re: msg.rid, v: PROTOCOL_VERSION, peerId: me.id, iceServers: [], heartbeatMs: 5_000 });
        case 'join': {
          me.name = msg.name;
          me.room = msg.room;
          const others = roommates(me);
          send(ws, { type: 'joined', re: msg.rid, room: msg.room, self: info(me), peers: others.map(info), maxPeers: 8, hasPassword: false });
          for (const o of others) send(o.ws, { type: 'peer-joined', peer: info(me) });
          return;
        }
        case 'signal': {
          const to = members.get(msg.to);
          if (!to || to.room !== me.room) {
            return send(ws, { type: 'error', code: 'PEER_NOT_FOUND', message: 'gone', re: { type: 'signal', ...(msg.rid ? { rid: msg.rid } : {}) } });
          }
          relayed++;
          const copies = relayed === faultAt ? (fault === 'drop' ? 0 : 2) : 1;
          for (let i = 0; i < copies; i++) send(to.ws, { type: 'signal', from: me.id, data: msg.data });
          return;
        }
        case 'leave':
          leave(me);
          return send(ws, { type: 'left', re: msg.rid, room: '' });
        default:
          return;
      }
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    relayed: () => relayed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
