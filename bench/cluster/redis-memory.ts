/**
 * `npm run bench:redis-memory`: the Redis memory Confab needs per peer and per room, measured
 * with INFO memory before and after filling a real Redis through the store.
 */
import { Redis } from 'ioredis';
import { RedisStore } from '../../packages/server/src/redis/redis-store.js';
import { redisKeys } from '../../packages/server/src/redis/keys.js';
import { RedisServer } from '../../packages/server/test/redis-server.js';

const PEERS = Number(process.env.PEERS ?? 20_000);
const ROOM_SIZE = 4;

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
  console.log(JSON.stringify({ peers: PEERS, rooms, roomSize: ROOM_SIZE, bytesTotal: after - before, bytesPerPeerIncludingRoomShare: Math.round(perPeer), bytesPerRoomOf4: Math.round((after - before) / rooms) }, null, 2));
} finally {
  redis.disconnect();
  await server.stop();
}
