import type { SignalData } from '@confab/protocol';

/**
 * The signals a simulated peer sends, shaped and sized like a browser's: an SDP offer or answer
 * of about 4 KB (audio, video and a data channel), and trickled ICE candidates whose frames are
 * about 250 bytes. Each carries a unique signal id where a real server relays it untouched: the
 * SDP's session id (`o=- <id> 2 IN IP4 …`) or the candidate's foundation (`candidate:<id> …`).
 */

export type SignalKind = 'offer' | 'answer' | 'candidate';

const AUDIO_CODECS = [
  [111, 'opus/48000/2', 'minptime=10;useinbandfec=1'],
  [63, 'red/48000/2', '111/111'],
  [9, 'G722/8000', ''],
  [0, 'PCMU/8000', ''],
  [8, 'PCMA/8000', ''],
  [13, 'CN/8000', ''],
  [110, 'telephone-event/48000', ''],
  [126, 'telephone-event/8000', ''],
] as const;

const VIDEO_CODECS = [
  [96, 'VP8/90000', ''],
  [98, 'VP9/90000', 'profile-id=0'],
  [100, 'VP9/90000', 'profile-id=2'],
  [102, 'H264/90000', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f'],
  [104, 'H264/90000', 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f'],
  [106, 'H264/90000', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f'],
  [108, 'H264/90000', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f'],
  [45, 'AV1/90000', 'level-idx=5;profile=0;tier=0'],
] as const;

const AUDIO_EXTMAPS = [
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'urn:ietf:params:rtp-hdrext:sdes:mid',
];

const VIDEO_EXTMAPS = [
  'urn:ietf:params:rtp-hdrext:toffset',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'urn:3gpp:video-orientation',
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay',
  'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type',
  'http://www.webrtc.org/experiments/rtp-hdrext/video-timing',
  'http://www.webrtc.org/experiments/rtp-hdrext/color-space',
  'urn:ietf:params:rtp-hdrext:sdes:mid',
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
];

const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomToken(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ICE_CHARS[Math.floor(Math.random() * ICE_CHARS.length)];
  return s;
}

function randomHex(bytes: number): string {
  return Array.from({ length: bytes }, () => Math.floor(Math.random() * 256).toString(16).padStart(2, '0').toUpperCase()).join(':');
}

const ssrc = () => 1_000_000 + Math.floor(Math.random() * 4_000_000_000);

/** The ICE credentials and stream ids one simulated peer connection keeps for its descriptions and candidates. */
export interface IceIdentity {
  ufrag: string;
  pwd: string;
  fingerprint: string;
  streamId: string;
}

export function newIceIdentity(): IceIdentity {
  return { ufrag: randomToken(4), pwd: randomToken(24), fingerprint: randomHex(32), streamId: crypto.randomUUID() };
}

function mediaSection(kind: 'audio' | 'video', mid: number, ice: IceIdentity, setup: string): string[] {
  const codecs = kind === 'audio' ? AUDIO_CODECS : VIDEO_CODECS;
  const extmaps = kind === 'audio' ? AUDIO_EXTMAPS : VIDEO_EXTMAPS;
  const lines = [
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${codecs.map(([pt]) => pt).join(' ')}`,
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ice.ufrag}`,
    `a=ice-pwd:${ice.pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${ice.fingerprint}`,
    `a=setup:${setup}`,
    `a=mid:${mid}`,
    ...extmaps.map((uri, i) => `a=extmap:${i + 1} ${uri}`),
    'a=sendrecv',
    `a=msid:${ice.streamId} ${crypto.randomUUID()}`,
    'a=rtcp-mux',
    ...(kind === 'video' ? ['a=rtcp-rsize'] : []),
  ];
  for (const [pt, name, fmtp] of codecs) {
    lines.push(`a=rtpmap:${pt} ${name}`);
    if (kind === 'video') lines.push(`a=rtcp-fb:${pt} goog-remb`, `a=rtcp-fb:${pt} transport-cc`, `a=rtcp-fb:${pt} ccm fir`, `a=rtcp-fb:${pt} nack`, `a=rtcp-fb:${pt} nack pli`);
    else if (pt === 111) lines.push(`a=rtcp-fb:${pt} transport-cc`);
    if (fmtp) lines.push(`a=fmtp:${pt} ${fmtp}`);
  }
  const primary = ssrc();
  if (kind === 'video') {
    const rtx = ssrc();
    lines.push(`a=ssrc-group:FID ${primary} ${rtx}`);
    for (const s of [primary, rtx]) lines.push(`a=ssrc:${s} cname:${ice.ufrag}${ice.pwd.slice(0, 12)}`, `a=ssrc:${s} msid:${ice.streamId} v${mid}`);
  } else {
    lines.push(`a=ssrc:${primary} cname:${ice.ufrag}${ice.pwd.slice(0, 12)}`, `a=ssrc:${primary} msid:${ice.streamId} a${mid}`);
  }
  return lines;
}

/** An SDP offer or answer for audio, video and a data channel, with `signalId` as its session id. */
export function sessionDescription(kind: 'offer' | 'answer', signalId: number, ice: IceIdentity): SignalData {
  const setup = kind === 'offer' ? 'actpass' : 'active';
  const lines = [
    'v=0',
    `o=- ${signalId} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1 2',
    'a=extmap-allow-mixed',
    `a=msid-semantic: WMS ${ice.streamId}`,
    ...mediaSection('audio', 0, ice, setup),
    ...mediaSection('video', 1, ice, setup),
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    `a=ice-ufrag:${ice.ufrag}`,
    `a=ice-pwd:${ice.pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${ice.fingerprint}`,
    `a=setup:${setup}`,
    'a=mid:2',
    'a=sctp-port:5000',
    'a=max-message-size:262144',
  ];
  return { description: { type: kind, sdp: `${lines.join('\r\n')}\r\n` } };
}

const CANDIDATE_TYPES = ['host', 'srflx', 'relay'] as const;

/** The `index`-th trickled candidate of a peer connection, with `signalId` as its foundation. */
export function iceCandidate(signalId: number, index: number, ice: IceIdentity): SignalData {
  const type = CANDIDATE_TYPES[index % CANDIDATE_TYPES.length]!;
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const address = type === 'host' ? `192.168.${index % 250}.${10 + (index % 200)}` : `203.0.113.${1 + (index % 250)}`;
  const related = type === 'host' ? '' : ` raddr 192.168.1.${10 + (index % 200)} rport ${port - 1}`;
  const priority = { host: 2122260223, srflx: 1686052607, relay: 41885439 }[type];
  const component = 1;
  return {
    candidate: {
      candidate:
        `candidate:${signalId} ${component} udp ${priority - index} ${address} ${port} typ ${type}${related} ` +
        `generation 0 ufrag ${ice.ufrag} network-id ${1 + (index % 3)} network-cost ${10 * (1 + (index % 5))}`,
      sdpMid: String(index % 3),
      sdpMLineIndex: index % 3,
      usernameFragment: ice.ufrag,
    },
  };
}

const SESSION_ID = /^o=- (\d+) /m;
const FOUNDATION = /^candidate:(\d+) /;

/** The signal id inside relayed data, and what kind of signal it is; undefined for data that carries none. */
export function readSignalId(data: SignalData): { id: number; kind: SignalKind } | undefined {
  if ('description' in data) {
    const { type, sdp } = data.description;
    if ((type !== 'offer' && type !== 'answer') || sdp === undefined) return undefined;
    const match = SESSION_ID.exec(sdp);
    return match ? { id: Number(match[1]), kind: type } : undefined;
  }
  if (data.candidate === null) return undefined;
  const match = FOUNDATION.exec(data.candidate.candidate);
  return match ? { id: Number(match[1]), kind: 'candidate' } : undefined;
}
