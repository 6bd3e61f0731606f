import type { MediaState } from '@confab/client';
import { useStreamVideo } from '../hooks/useStreamVideo.js';
import { hasTrack } from '../lib/media-streams.js';
import { Tile } from './Tile.js';

export interface SelfTileProps {
  id: string;
  name: string;
  stream: MediaStream | null;
  media: MediaState;
  /** Your speaking indicator is lit. */
  speaking?: boolean;
}

/** Your own tile: your camera, mirrored and muted. */
export function SelfTile({ id, name, stream, media, speaking = false }: SelfTileProps) {
  const { ref } = useStreamVideo({ stream, muted: true });
  return (
    <Tile
      peerId={id}
      name={name}
      self
      audio={media.audio}
      video={media.video && hasTrack(stream, 'video')}
      videoRef={ref}
      speaking={speaking}
    />
  );
}
