import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { BENCH_HOST, announceListening } from './announce.js';

/**
 * The socket.io relay of the WebRTC tutorials Confab grew out of: every socket is addressed by its
 * socket.io id, and a `signal` event is re-emitted to the target's room (each socket is in a room
 * named after its id) with `from` stamped by the server. socket.io's defaults otherwise.
 */

interface SignalEvent {
  to: string;
  data: unknown;
}

function isSignalEvent(value: unknown): value is SignalEvent {
  return typeof value === 'object' && value !== null && typeof (value as { to?: unknown }).to === 'string';
}

const http = createServer();
const io = new Server(http);

io.on('connection', (socket) => {
  socket.on('signal', (msg: unknown) => {
    if (!isSignalEvent(msg)) return;
    io.to(msg.to).emit('signal', { from: socket.id, data: msg.data });
  });
});

http.listen(0, BENCH_HOST, () => announceListening(http.address()));
