import { PeerServer } from 'peer';
import { BENCH_HOST, announceListening } from './announce.js';

/**
 * The PeerJS server (npm `peer`), as its README starts it, on a free loopback port. Clients open
 * `ws://host:port/peerjs?key=peerjs&id=<id>&token=<token>`, get `{"type":"OPEN"}`, and send
 * `{"type":"CANDIDATE","payload":…,"dst":<id>}`, which reaches `dst` with `src` added.
 *
 * Its one limit that the bench would hit, `concurrent_limit` (5,000 clients by default), is raised
 * as Confab's are, so 10,000 idle clients can connect. Everything else keeps its defaults.
 */
const CONCURRENT_LIMIT = 1_000_000;

PeerServer({ host: BENCH_HOST, port: 0, path: '/', concurrent_limit: CONCURRENT_LIMIT }, (server) => {
  announceListening(server.address());
});
