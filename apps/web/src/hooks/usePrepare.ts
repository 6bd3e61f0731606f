import type { ConfabClient } from '@confab/client';
import { useEffect, useRef, useState } from 'react';
import { PREPARE_DEBOUNCE_MS, prepareFailure, type PrepareStatus } from '../lib/prepare.js';
import type { ConnectionState } from '../lib/server-connection.js';

export interface PrepareInput {
  connection: ConnectionState<ConfabClient>;
  /** The room's name as it will be joined (slug); empty: nothing to prepare. */
  room: string;
  /** The display name, when it is valid. */
  name: string | null;
  /**
   * The password as last committed (the field lost focus), not as typed: every wrong password
   * counts against the room's guess limit, so a half-typed one must not be tried.
   */
  password: string;
  iceTransportPolicy: RTCIceTransportPolicy | undefined;
  /**
   * The lobby's camera, once it runs: never sent before Join, it only sets the size of the first
   * encoding and of the blank picture the prepared connections send; followed when it changes.
   */
  camera: MediaStreamTrack | undefined;
}

/**
 * Prepares the join of the lobby's room (`client.prepare()`) once the socket is up, and again when
 * the room, the password or the relay setting change, or after a reconnect. Join then only starts
 * the media on connections already up. Unmounting without joining ends the preparation.
 */
export function usePrepare({ connection, room, name, password, iceTransportPolicy, camera }: PrepareInput): PrepareStatus {
  const [status, setStatus] = useState<PrepareStatus>('idle');
  const nameRef = useRef(name);
  nameRef.current = name;
  const cameraRef = useRef(camera);
  cameraRef.current = camera;
  const client = connection.status === 'open' ? connection.client : null;
  const ready = client !== null && room !== '' && name !== null;
  // A preparation the server ended (it expired) is not renewed until something changes.
  const [ended, setEnded] = useState(0);

  useEffect(() => {
    if (!client) return;
    return client.on('prepareEnded', (reason) => {
      setStatus('idle');
      if (reason === 'reconnecting') setEnded((n) => n + 1);
    });
  }, [client]);

  useEffect(() => {
    if (!ready || !client) {
      setStatus('idle');
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      const displayName = nameRef.current;
      if (!displayName) return;
      setStatus('preparing');
      client
        .prepare(room, displayName, {
          ...(password ? { password } : {}),
          ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
          ...(cameraRef.current ? { camera: cameraRef.current } : {}),
        })
        .then(
          () => {
            if (!current) return;
            // The camera may have come up while the server answered.
            client.setPrepareCamera(cameraRef.current);
            setStatus('prepared');
          },
          (err: unknown) => current && setStatus(prepareFailure(err)),
        );
    }, PREPARE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ready, client, room, password, iceTransportPolicy, ended]);

  // The camera came up after the preparation, or changed: the prepared connections follow it.
  useEffect(() => {
    client?.setPrepareCamera(camera);
  }, [client, camera]);

  // Leaving the lobby without joining: the room's people close what they prepared.
  const clientRef = useRef(client);
  clientRef.current = client;
  useEffect(() => () => clientRef.current?.unprepare(), []);

  return status;
}
