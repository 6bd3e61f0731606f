import type { ReactNode, RefObject } from 'react';
import { useT } from '../i18n/i18n-context.js';
import { TileExtrasSlot } from './tile-extras.js';
import '../talk.css';

export interface TileProps {
  peerId: string;
  name: string;
  self: boolean;
  audio: boolean;
  video: boolean;
  videoRef: RefObject<HTMLVideoElement | null>;
  /** A state shown over the video, such as "Connecting…". */
  overlay?: ReactNode;
  /** Their speaking indicator is lit: a ring around the tile and a dot by the name. */
  speaking?: boolean;
  /** The large tile of the speaker view. */
  large?: boolean;
}

/**
 * One person in the grid: their video, their name, a "Muted" badge and a "Camera off"
 * placeholder. The `data-*` attributes are what the end-to-end tests look for.
 */
export function Tile({ peerId, name, self, audio, video, videoRef, overlay, speaking = false, large = false }: TileProps) {
  const t = useT();
  return (
    <div
      className="tile"
      data-testid="tile"
      data-peer-id={peerId}
      data-peer-name={name}
      data-self={self ? 'true' : 'false'}
      data-video={video ? 'on' : 'off'}
      data-speaking={speaking ? 'true' : 'false'}
      data-large={large ? 'true' : 'false'}
    >
      <video ref={videoRef} className={self ? 'tile-video mirrored' : 'tile-video'} autoPlay playsInline muted={self} />
      {!video && (
        <div className="tile-placeholder">
          <span className="avatar" aria-hidden="true">
            {initialOf(name)}
          </span>
          <span>{t('room.cameraOff')}</span>
        </div>
      )}
      {overlay}
      <TileExtrasSlot peerId={peerId} />
      <div className="tile-label">
        {speaking && <span className="speaking-dot" data-testid="speaking-indicator" role="img" aria-label={t('talk.speaking')} title={t('talk.speaking')} />}
        <span className="tile-name">{self ? t('room.you', { name }) : name}</span>
        {!audio && (
          <span className="badge" data-testid="muted-badge">
            {t('room.muted')}
          </span>
        )}
      </div>
    </div>
  );
}

function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
