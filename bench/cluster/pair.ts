import { WebSocket } from 'ws';

const CANDIDATE = {
  candidate: 'candidate:842163049 1 udp 1677729535 198.51.100.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'EsVy',
};

interface Peer {
  ws: WebSocket;
  id: string;
}

async function open(url: string, room: string, name: string): Promise<Peer> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = () => new Promise<{ type: string; peerId?: string }>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
  ws.send(JSON.stringify({ type: 'hello', v: 1 }));
  const welcome = await next();
  ws.send(JSON.stringify({ type: 'join', room, name }));
  const joined = await next();
  if (joined.type !== 'joined') throw new Error(`join failed: ${JSON.stringify(joined)}`);
  return { ws, id: welcome.peerId! };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3);
}

/** Two clients in one room, on the given nodes, relaying ICE-candidate-sized signals. */
export class Pair {
  private constructor(
    readonly a: Peer,
    readonly b: Peer,
  ) {}

  static async open(urlA: string, urlB: string, room: string): Promise<Pair> {
    const a = await open(urlA, room, 'A');
    const peerJoined = new Promise((r) => a.ws.once('message', r));
    const b = await open(urlB, room, 'B');
    await peerJoined;
    return new Pair(a, b);
  }

  /** `n` sequential round trips A→B→A; returns each in ms. */
  async pingPong(n: number): Promise<number[]> {
    const { a, b } = this;
    b.ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.type === 'signal') b.ws.send(JSON.stringify({ type: 'signal', to: a.id, data: m.data }));
    });
    const rtts: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const back = new Promise((r) => a.ws.once('message', r));
      a.ws.send(JSON.stringify({ type: 'signal', to: b.id, data: { candidate: CANDIDATE } }));
      await back;
      rtts.push(performance.now() - t0);
    }
    b.ws.removeAllListeners('message');
    return rtts;
  }

  /** Keeps `inFlight` signals in flight from A to B for `ms`; returns how many arrived. */
  blast(inFlight: number, ms: number): Promise<number> {
    const { a, b } = this;
    const frame = JSON.stringify({ type: 'signal', to: b.id, data: { candidate: CANDIDATE } });
    const ack = JSON.stringify({ type: 'signal', to: a.id, data: { candidate: null } });
    let received = 0;
    let stop = false;
    b.ws.on('message', () => {
      received++;
      b.ws.send(ack);
    });
    a.ws.on('message', () => {
      if (!stop) a.ws.send(frame);
    });
    for (let i = 0; i < inFlight; i++) a.ws.send(frame);
    return new Promise((resolve) =>
      setTimeout(() => {
        stop = true;
        resolve(received);
      }, ms),
    );
  }

  close(): void {
    this.a.ws.terminate();
    this.b.ws.terminate();
  }
}
