import { WebSocketServer, type WebSocket } from 'ws';
import { BENCH_HOST, announceListening } from './announce.js';

/**
 * The simplest relay that does the job, as a ceiling: a Map of ids to sockets, JSON.parse in,
 * JSON.stringify out, no validation beyond "is there a target", no rooms, no limits.
 *
 * On connect: `{"type":"welcome","id":…}`. In: `{"type":"signal","to":…,"data":…}`.
 * Out, to the target: `{"type":"signal","from":…,"data":…}`.
 */

const sockets = new Map<string, WebSocket>();
let nextId = 0;

const wss = new WebSocketServer({ host: BENCH_HOST, port: 0, perMessageDeflate: false, clientTracking: false });

wss.on('connection', (ws) => {
  const id = `p${++nextId}`;
  sockets.set(id, ws);
  ws.send(JSON.stringify({ type: 'welcome', id }));
  ws.on('message', (raw) => {
    let msg: unknown;
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const { to, data } = msg as { to?: unknown; data?: unknown };
    const target = typeof to === 'string' ? sockets.get(to) : undefined;
    target?.send(JSON.stringify({ type: 'signal', from: id, data }));
  });
  ws.on('close', () => sockets.delete(id));
});

wss.on('listening', () => announceListening(wss.address()));
