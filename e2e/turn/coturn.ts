import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TurnClient } from './turn-client.js';
import { pollUntil } from '../harness/wait.js';

/** A real coturn (`turnserver`), started for one test file on free ports and stopped after it. */

export const TURNSERVER_PATH = '/usr/bin/turnserver';
export const TURN_REALM = 'confab.test';
/** How long coturn may take to answer its first Binding request. */
export const COTURN_START_TIMEOUT_MS = 15_000;
const COTURN_STOP_TIMEOUT_MS = 3_000;
/** Relay ports: a window below Linux's ephemeral range (32768–60999), picked at random per run. */
const RELAY_PORT_BASE = 20_000;
const RELAY_PORT_WINDOWS = 90;
const RELAY_PORT_WINDOW = 100;
const MAX_LOG_LINES = 5_000;

export interface Coturn {
  host: string;
  port: number;
  secret: string;
  realm: string;
  /** `turn:<host>:<port>?transport=udp` */
  url: string;
  /** Every line coturn printed (bounded). */
  log(): readonly string[];
  /** Lines matching `pattern`. */
  grep(pattern: RegExp): string[];
  stop(): Promise<void>;
}

export interface CoturnOptions {
  /** The address to listen and relay on. */
  host?: string;
  /** Run inside this network namespace (`ip netns exec <ns> turnserver …`). */
  netns?: string;
  /** Relaying to 127.0.0.0/8 is refused by default; the loopback tests need it. */
  allowLoopbackPeers?: boolean;
  /**
   * Start from this config file (`-c`) instead of none (`-n`); the options here (addresses, ports,
   * secret, realm, logging) are given on the command line, which coturn applies over the file.
   */
  configFile?: string;
}

/** A UDP and TCP port both free on `host` (coturn listens on both). */
async function freePort(host: string): Promise<number> {
  for (;;) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, host, () => resolve(udp.address().port));
    });
    const tcpFree = await new Promise<boolean>((resolve) => {
      const tcp = createServer();
      tcp.once('error', () => resolve(false));
      tcp.listen(port, host, () => tcp.close(() => resolve(true)));
    });
    udp.close();
    if (tcpFree) return port;
  }
}

/**
 * Starts coturn with the TURN REST API shared secret (`use-auth-secret`), UDP and TCP only, on a
 * free port of `host`, and waits until it answers a STUN Binding request. Throws, never skips,
 * when turnserver is missing.
 */
export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  if (!existsSync(TURNSERVER_PATH)) {
    throw new Error(`coturn is missing at ${TURNSERVER_PATH}: run \`node scripts/ensure-test-deps.mjs\` as root or \`apt-get install -y coturn\``);
  }
  const host = options.host ?? '127.0.0.1';
  // In a namespace the port cannot be probed from here; any port is free in a fresh namespace.
  const port = options.netns ? 3478 : await freePort(host);
  const secret = randomBytes(24).toString('hex');
  const minPort = RELAY_PORT_BASE + Math.floor(Math.random() * RELAY_PORT_WINDOWS) * RELAY_PORT_WINDOW;
  const dir = mkdtempSync(join(tmpdir(), 'confab-coturn-'));
  const args = [
    ...(options.configFile ? ['-c', options.configFile] : ['-n']),
    `--listening-ip=${host}`,
    `--relay-ip=${host}`,
    `--listening-port=${port}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${TURN_REALM}`,
    ...(options.allowLoopbackPeers ? ['--allow-loopback-peers'] : []),
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    `--min-port=${minPort}`,
    `--max-port=${minPort + RELAY_PORT_WINDOW - 1}`,
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
    '--verbose',
  ];
  const [command, commandArgs] = options.netns
    ? ['ip', ['netns', 'exec', options.netns, TURNSERVER_PATH, ...args]]
    : [TURNSERVER_PATH, args];
  const child: ChildProcess = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_LOG_LINES) lines.shift();
  };
  createInterface({ input: child.stdout! }).on('line', keep);
  createInterface({ input: child.stderr! }).on('line', (line) => keep(`[stderr] ${line}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), COTURN_STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const coturn: Coturn = {
    host,
    port,
    secret,
    realm: TURN_REALM,
    url: `turn:${host}:${port}?transport=udp`,
    log: () => lines,
    grep: (pattern) => lines.filter((line) => pattern.test(line)),
    stop,
  };
  try {
    // From another namespace it cannot be probed: its "listener opened" line has to do.
    await (options.netns ? waitForListener(coturn, child) : waitUntilAnswering(coturn, child));
    return coturn;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForListener(coturn: Coturn, child: ChildProcess): Promise<void> {
  const opened = `UDP listener opened on: ${coturn.host}:${coturn.port}`;
  await pollUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
      return coturn.log().some((line) => line.includes(opened)) ? true : undefined;
    },
    { timeoutMs: COTURN_START_TIMEOUT_MS, what: `coturn to log "${opened}"` },
    () => coturn.log().slice(-20).join('\n'),
  );
}

async function waitUntilAnswering(coturn: Coturn, child: ChildProcess): Promise<void> {
  const probe = await TurnClient.open(coturn.host, coturn.port);
  try {
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
        const answer = await probe.binding(500).catch(() => undefined);
        return answer?.kind === 'success' ? true : undefined;
      },
      { timeoutMs: COTURN_START_TIMEOUT_MS, what: `coturn to answer on ${coturn.host}:${coturn.port}` },
      () => coturn.log().slice(-20).join('\n'),
    );
  } finally {
    probe.close();
  }
}
