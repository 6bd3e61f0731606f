import type { ConfabClient, JoinOptions as RoomJoinOptions, Room } from '@confab/client';
import { startTransition, useEffect, useRef, useState } from 'react';
import { text, type Text } from '../i18n/text.js';
import { describeJoinError } from '../lib/join-error.js';
import type { LocalMedia } from '../lib/local-media.js';
import { describeMediaError } from '../lib/media-errors.js';
import { captureMedia, stopStream } from '../lib/media-streams.js';
import type { ServerConnection } from '../lib/server-connection.js';

/** What to send: the lobby's camera and microphone, the microphone alone, or nothing. */
export type JoinMode = 'media' | 'audio-only' | 'none';

export interface JoinOptions {
  connection: ServerConnection<ConfabClient>;
  /** The lobby's camera and microphone, started on mount. */
  media: LocalMedia | null;
  onJoined: (room: Room, stream: MediaStream | null) => void;
}

/**
 * Joins a room. The connection and the camera were started when the lobby mounted, so this
 * mostly awaits promises that have already settled and goes straight to `client.join()`.
 */
export function useJoin({ connection, media, onJoined }: JoinOptions) {
  const [joining, setJoining] = useState<JoinMode | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const mounted = useRef(true);
  // A second click before the first join settled is ignored (the button shows as disabled a render later).
  const inFlight = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function join(mode: JoinMode, roomName: string, name: string, options: RoomJoinOptions = {}): Promise<void> {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await joinOnce(mode, roomName, name, options);
    } finally {
      inFlight.current = false;
    }
  }

  async function joinOnce(mode: JoinMode, roomName: string, name: string, options: RoomJoinOptions): Promise<void> {
    // "Joining…" is not urgent: rendered after the `join` message has left (a render of the
    // lobby here would run first and delay it, docs/join-latency.md).
    startTransition(() => {
      setJoining(mode);
      setError(null);
    });
    let stream: MediaStream | null = null;
    let room: Room | null = null;
    try {
      // Both were started on lobby mount (unless the lobby is cold): these usually settled already.
      const streamReady =
        mode === 'media' ? (media?.start() ?? Promise.resolve(null)) : mode === 'audio-only' ? captureAudio() : null;
      const [client, captured] = await Promise.all([connection.start(), streamReady]);
      stream = captured;
      room = await client.join(roomName, name, stream, options);
    } catch (err) {
      if (mode === 'audio-only') stopStream(stream);
      if (mounted.current) {
        setError(err instanceof AudioCaptureError ? err.text : describeJoinError(err));
        setJoining(null);
      }
      return;
    }
    if (!mounted.current) {
      // The lobby went away (Back was pressed) while joining: nobody will show this call.
      room.close();
      stopStream(stream);
      return;
    }
    if (mode === 'media') media?.takeStream();
    onJoined(room, stream);
  }

  return { join, joining, error };
}

class AudioCaptureError extends Error {
  constructor(readonly text: Text) {
    super(text.key);
  }
}

async function captureAudio(): Promise<MediaStream> {
  try {
    return await captureMedia('microphone');
  } catch (err) {
    const { kind } = describeMediaError(err);
    throw new AudioCaptureError(text(kind === 'denied' ? 'errors.audio.denied' : 'errors.audio.failed'));
  }
}
