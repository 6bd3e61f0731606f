import { describe, expect, it } from 'vitest';
import { withStartBitrate } from './start-bitrate.js';

/** The shape of a Chromium offer: audio, then video with VP8 (no fmtp), VP9, H264, their RTX, RED and FEC. */
const OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 102 103 116 117',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 VP9/90000',
  'a=rtcp-fb:98 nack',
  'a=fmtp:98 profile-id=0',
  'a=rtpmap:99 rtx/90000',
  'a=fmtp:99 apt=98',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:103 rtx/90000',
  'a=fmtp:103 apt=102',
  'a=rtpmap:116 red/90000',
  'a=rtpmap:117 ulpfec/90000',
  '',
].join('\r\n');

describe('withStartBitrate', () => {
  const munged = withStartBitrate(OFFER, 800);
  const lines = munged.split('\r\n');

  it('gives every video codec the start bitrate, in its format parameters', () => {
    expect(lines).toContain('a=fmtp:96 x-google-start-bitrate=800');
    expect(lines).toContain('a=fmtp:98 profile-id=0;x-google-start-bitrate=800');
    expect(lines).toContain('a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f;x-google-start-bitrate=800');
  });

  it('puts a new fmtp line right after the codec it belongs to', () => {
    expect(lines.indexOf('a=fmtp:96 x-google-start-bitrate=800')).toBe(lines.indexOf('a=rtpmap:96 VP8/90000') + 1);
  });

  it('leaves audio, retransmission, RED and FEC formats and every other line as they were', () => {
    const added = lines.filter((line) => !OFFER.split('\r\n').includes(line));
    expect(added).toEqual([
      'a=fmtp:96 x-google-start-bitrate=800',
      'a=fmtp:98 profile-id=0;x-google-start-bitrate=800',
      'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f;x-google-start-bitrate=800',
    ]);
    expect(lines.filter((line) => line.includes('x-google'))).toHaveLength(3);
    expect(lines).toHaveLength(OFFER.split('\r\n').length + 1);
    expect(munged.endsWith('\r\n')).toBe(true);
  });

  it('keeps a start bitrate the description has already, and changes nothing when applied twice', () => {
    expect(withStartBitrate(munged, 1500)).toBe(munged);
  });

  it('changes nothing in a description without video', () => {
    const audioOnly = OFFER.slice(0, OFFER.indexOf('m=video'));
    expect(withStartBitrate(audioOnly)).toBe(audioOnly);
  });

  it('handles every video section of a description, each with its own payload types', () => {
    const twoVideos = `${OFFER}${['m=video 9 UDP/TLS/RTP/SAVPF 45', 'a=mid:2', 'a=rtpmap:45 AV1/90000', ''].join('\r\n')}`;
    const out = withStartBitrate(twoVideos, 800).split('\r\n');
    expect(out).toContain('a=fmtp:45 x-google-start-bitrate=800');
    expect(out.filter((line) => line.startsWith('a=fmtp:96 '))).toHaveLength(1);
  });
});
