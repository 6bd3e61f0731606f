import type { ConfabClient, PreparedRoom } from '@confab/client';
import { useEffect, useState } from 'react';
import type { PrepareStatus } from '../lib/prepare.js';

/**
 * The names of the people in the room the lobby prepared (`client.prepare()`), kept up to date as
 * they join and leave (`preparedChanged`); null while nothing is prepared.
 */
export function usePreparedPeople(client: ConfabClient | null, status: PrepareStatus): readonly string[] | null {
  const [people, setPeople] = useState<readonly string[] | null>(null);
  useEffect(() => {
    const prepared = status === 'prepared' ? client?.prepared : undefined;
    if (!client || !prepared) {
      setPeople(null);
      return;
    }
    const names = (room: PreparedRoom) => room.peers.map((peer) => peer.name);
    setPeople(names(prepared));
    return client.on('preparedChanged', (room) => setPeople(names(room)));
  }, [client, status]);
  return people;
}
