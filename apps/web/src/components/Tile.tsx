import type { ReactNode, RefObject } from 'react';

export interface TileProps {
  peerId: string;
  name: string;
  self: boolean;
  audio: boolean;
  video: boolean;
  videoRef: RefObject<HTMLVideoElement | null>;
  /** A state shown over the video, such as "Connecting…". */
  overlay?: ReactNode;
}

/**
 * One person in the grid: their video, their name, a "Muted" badge and a "Camera off"
 * placeholder. The `data-*` attributes are what the end-to-end tests look for.
 */
export function Tile({ peerId, name, self, audio, video, videoRef, overlay }: TileProps) {
  return (
    <div
      className="tile"
      data-testid="tile"
      data-peer-id={peerId}
      data-peer-name={name}
      data-self={self ? 'true' : 'false'}
      data-video={video ? 'on' : 'off'}
    >
      <video ref={videoRef} className={self ? 'tile-video mirrored' : 'tile-video'} autoPlay playsInline muted={self} />
      {!video && (
        <div className="tile-placeholder">
          <span className="avatar" aria-hidden="true">
            {initialOf(name)}
          </span>
          <span>Camera off</span>
        </div>
      )}
      {overlay}
      <div className="tile-label">
        <span className="tile-name">{self ? `${name} (you)` : name}</span>
        {!audio && (
          <span className="badge" data-testid="muted-badge">
            Muted
          </span>
        )}
      </div>
    </div>
  );
}

function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
