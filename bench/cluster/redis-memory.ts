/**
 * `npm run bench:redis-memory`: the Redis memory Confab needs per peer and per room, measured
 * with INFO memory before and after filling a real Redis through the store.
 *
 * Usage: npm run bench:redis-memory -- [--peers N] [--out FILE]   (PEERS sets the default peers)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { RedisStore } from '../../packages/server/src/redis/redis-store.js';
import { redisKeys } from '../../packages/server/src/redis/keys.js';
import { RedisServer } from '../../packages/server/test/redis-server.js';
import { updateReportFor } from '../report/index.js';
import { machineInfo, REPO_ROOT } from '../report/machine.js';

const ROOM_SIZE = 4;
const { values: flags } = parseArgs({
  options: {
    peers: { type: 'string', default: process.env.PEERS ?? '20000' },
    out: { type: 'string', default: resolve(REPO_ROOT, 'bench/results/redis-memory.json') },
  },
});
const PEERS = Number(flags.peers);
if (!Number.isInteger(PEERS) || PEERS < ROOM_SIZE || PEERS % ROOM_SIZE !== 0) {
  throw new Error(`--peers must be a multiple of ${ROOM_SIZE}, got "${flags.peers}"`);
}
const OUT = resolve(flags.out);

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

const server = await RedisServer.start();
const redis = new Redis(server.url);
try {
  const store = new RedisStore(redis, redisKeys('confab:'));
  const before = await usedMemory(redis);
  for (let i = 0; i < PEERS; i++) {
    const connId = `n0d3Xk9a.${i}`;
    const peerId = `p${i.toString(36).padStart(15, '0')}`;
    const room = `room-${Math.floor(i / ROOM_SIZE)}-standup`;
    await store.putSession({ connId, peerId, room });
    await store.addMember(room, { peerId, connId, name: `Person ${i}`, media: { audio: true, video: true }, joinedAt: Date.now() }, ROOM_SIZE);
  }
  const after = await usedMemory(redis);
  const rooms = PEERS / ROOM_SIZE;
  const perPeer = (after - before) / PEERS;
  const result = {
    benchmark: 'redis-memory',
    date: new Date().toISOString(),
    machine: machineInfo(),
    peers: PEERS,
    rooms,
    roomSize: ROOM_SIZE,
    bytesTotal: after - before,
    bytesPerPeerIncludingRoomShare: Math.round(perPeer),
    bytesPerRoomOf4: Math.round((after - before) / rooms),
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
} finally {
  redis.disconnect();
  await server.stop();
}
await updateReportFor(OUT);
