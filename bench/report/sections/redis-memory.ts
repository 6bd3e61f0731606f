import { int, table } from '../markdown.js';
import { num, type Json } from '../read.js';
import type { Section } from './section.js';

/** bench:redis-memory: Redis memory per peer and per room. */

export const redisMemorySection: Section = {
  name: 'redis-memory',
  title: 'Redis memory per peer',
  command: 'npm run bench:redis-memory',
  about:
    'A real Redis is filled through Confab’s own `RedisStore` (a session and a room membership per peer, rooms of 4); ' +
    '`INFO memory`’s `used_memory` is read before and after.',
  render(result: Json) {
    const markdown = table(
      ['peers', 'rooms', 'bytes in all', 'bytes per peer (with its share of the room)', 'bytes per room of 4'],
      [[int(num(result, 'peers')), int(num(result, 'rooms')), int(num(result, 'bytesTotal')), int(num(result, 'bytesPerPeerIncludingRoomShare')), int(num(result, 'bytesPerRoomOf4'))]],
    );
    return { markdown, charts: [] };
  },
};
