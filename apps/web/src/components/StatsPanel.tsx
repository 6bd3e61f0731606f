import type { CandidateInfo, LinkStats, QualityLevel, RemotePeer, StreamFigures } from '@confab/client';
import type { ReactNode } from 'react';
import { useRoom } from '../hooks/room-context.js';
import { usePeerStats } from '../hooks/usePeerStats.js';
import { useT } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { Dialog } from './Dialog.js';
import { QUALITY_LABEL } from './QualityIndicator.js';

/**
 * The figures behind someone's quality indicator, live, for people who debug (in the spirit of
 * chrome://webrtc-internals): round trip, loss, jitter, the video each way, bitrates, codecs, the
 * selected candidate pair and what the adaptive mesh lets us send them.
 */
export function StatsPanel({ peerId, quality, onClose }: { peerId: string; quality: QualityLevel; onClose: () => void }) {
  const t = useT();
  const room = useRoom();
  const stats = usePeerStats(room, peerId);
  const peer = room.peers.get(peerId);
  if (!peer) return null;
  return (
    <Dialog open title={t('quality.details', { name: peer.name })} onClose={onClose}>
      <div className="stats-panel" data-testid="stats-panel" data-peer-name={peer.name}>
        {stats ? <Figures stats={stats} quality={quality} peer={peer} t={t} /> : <p>{t('quality.noFigures')}</p>}
      </div>
    </Dialog>
  );
}

function Figures({ stats, quality, peer, t }: { stats: LinkStats; quality: QualityLevel; peer: RemotePeer; t: Translate }) {
  const none = t('quality.none');
  const ms = (value: number | undefined) => (value === undefined ? none : t('quality.unit.ms', { value }));
  const percent = (value: number | undefined) => (value === undefined ? none : t('quality.unit.percent', { value }));
  const pair = stats.pair;
  const send = peer.sendEncoding;
  return (
    <dl className="stats-list">
      <Row id="quality" label={t('quality.grade')}>
        {t(QUALITY_LABEL[quality])}
      </Row>
      <Row id="rtt" label={t('quality.rtt')}>
        {ms(stats.rttMs)}
      </Row>
      <Row id="loss-in" label={t('quality.lossIn')}>
        {percent(stats.lossPercent)}
      </Row>
      <Row id="loss-out" label={t('quality.lossOut')}>
        {percent(stats.outbound.lossPercent)}
      </Row>
      <Row id="jitter" label={t('quality.jitter')}>
        {ms(stats.jitterMs)}
      </Row>
      <Row id="video-in" label={t('quality.videoIn')}>
        {video(stats.inbound, t)}
      </Row>
      <Row id="video-out" label={t('quality.videoOut')}>
        {video(stats.outbound, t)}
        {stats.outbound.limitation && stats.outbound.limitation !== 'none'
          ? ` · ${t('quality.limitedBy', { reason: stats.outbound.limitation })}`
          : ''}
      </Row>
      <Row id="bitrate" label={t('quality.bitrate')}>
        {t('quality.unit.kbps', { in: stats.inbound.kbps ?? none, out: stats.outbound.kbps ?? none })}
      </Row>
      <Row id="audio-codec" label={t('quality.audioCodec')}>
        {stats.inbound.audioCodec ?? stats.outbound.audioCodec ?? none}
      </Row>
      <Row id="route" label={t('quality.route')}>
        {pair ? t(pair.relayed ? 'quality.route.relayed' : 'quality.route.direct') : none}
      </Row>
      <Row id="local-candidate" label={t('quality.localCandidate')}>
        {pair ? candidate(pair.local) : none}
      </Row>
      <Row id="remote-candidate" label={t('quality.remoteCandidate')}>
        {pair ? candidate(pair.remote) : none}
      </Row>
      <Row id="send-limit" label={t('quality.sendLimit')}>
        {send?.maxBitrate !== undefined
          ? t('quality.unit.sendLimit', {
              kbps: Math.round(send.maxBitrate / 1000),
              scale: Number((send.scaleResolutionDownBy ?? 1).toFixed(2)),
              fps: send.maxFramerate ?? none,
            })
          : none}
      </Row>
    </dl>
  );
}

function Row({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="stats-row" data-stat={id}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** `640×360 · 25 fps · VP8`, with what is known. */
function video(figures: StreamFigures, t: Translate): string {
  const parts = [
    figures.width && figures.height ? `${figures.width}×${figures.height}` : undefined,
    figures.fps !== undefined ? t('quality.unit.fps', { value: figures.fps }) : undefined,
    figures.videoCodec,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : t('quality.none');
}

/** `srflx udp 203.0.113.9:6000`, and how a relay reaches its TURN server. */
function candidate(c: CandidateInfo): string {
  const host = c.address?.includes(':') ? `[${c.address}]` : c.address; // IPv6 in brackets, as in URLs
  const address = host ? `${host}${c.port !== undefined ? `:${c.port}` : ''}` : undefined;
  const relay = c.relayProtocol ? `(${c.relayProtocol})` : undefined;
  return [c.type, c.protocol, address, relay].filter((part) => part !== undefined).join(' ');
}
