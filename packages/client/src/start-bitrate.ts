/**
 * The congestion controller's first estimate for the video we send. Chromium starts every
 * connection at 300 kbit/s and paces packets out at a small multiple of its estimate, so the first
 * picture frame after a camera goes on (10–17 KB at 360 lines) waits behind the pacer for up to
 * ~100 ms until the estimate has grown; `npm run bench:join-floor` measures the difference
 * (docs/join-latency.md, "The start bitrate"). 800 kbit/s is a common starting point for camera
 * video in WebRTC apps; the controller lowers it within a second on a link that cannot carry it.
 */
export const START_BITRATE_KBPS = 800;

/** The codecs whose sending the start applies to (not the retransmission or FEC formats). */
const VIDEO_CODECS = new Set(['vp8', 'vp9', 'av1', 'h264', 'h265']);

const START_PARAMETER = 'x-google-start-bitrate';

/**
 * `sdp` with Chromium's start-bitrate parameter (`x-google-start-bitrate`, in kbit/s) on every
 * video codec's format parameters, for a description received from the other side: Chromium takes
 * the parameters of the codec it sends from the remote description, so this changes only how we
 * send. Other browsers ignore the parameter. Codecs that have it already keep their value.
 */
export function withStartBitrate(sdp: string, kbps: number = START_BITRATE_KBPS): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sections(sdp.split(eol))
    .flatMap((lines) => (lines[0]?.startsWith('m=video ') ? videoSection(lines, kbps) : lines))
    .join(eol);
}

/** The session part, then one array per media section (from its `m=` line). */
function sections(lines: readonly string[]): string[][] {
  const result: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) result.push([]);
    result[result.length - 1]!.push(line);
  }
  return result;
}

/** `a=rtpmap:<payload type> <codec>/…` and `a=fmtp:<payload type> …`. */
const RTPMAP = /^a=rtpmap:(\d+) ([^/]+)\//;
const FMTP = /^a=fmtp:(\d+) /;

function videoSection(lines: readonly string[], kbps: number): string[] {
  const codecs = new Set<string>();
  const withFmtp = new Set<string>();
  for (const line of lines) {
    const rtpmap = RTPMAP.exec(line);
    if (rtpmap && VIDEO_CODECS.has(rtpmap[2]!.toLowerCase())) codecs.add(rtpmap[1]!);
    const fmtp = FMTP.exec(line);
    if (fmtp) withFmtp.add(fmtp[1]!);
  }
  return lines.flatMap((line) => {
    const fmtp = FMTP.exec(line);
    if (fmtp && codecs.has(fmtp[1]!)) return [line.includes(`${START_PARAMETER}=`) ? line : `${line};${START_PARAMETER}=${kbps}`];
    const rtpmap = RTPMAP.exec(line);
    // A codec without format parameters gets a line of its own, after its rtpmap.
    if (rtpmap && codecs.has(rtpmap[1]!) && !withFmtp.has(rtpmap[1]!)) return [line, `a=fmtp:${rtpmap[1]!} ${START_PARAMETER}=${kbps}`];
    return [line];
  });
}
