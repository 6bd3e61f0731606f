import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Three network namespaces on this machine, so that two browsers cannot reach each other:
 *
 *     ann (10.77.1.2) ──veth── hub (10.77.1.1 │ 10.77.0.1 │ 10.77.2.1) ──veth── bob (10.77.2.2)
 *
 * The hub runs the Confab server and coturn on 10.77.0.1 (on its loopback device). ann and bob
 * each have one route, to 10.77.0.1 through their own link, and none to each other; the hub does
 * not forward. IPv6 is off everywhere, so no link-local path exists either. Every address is in
 * 10.77.0.0/16 inside these namespaces: nothing leaves the machine, nothing touches the host's
 * own network. Needs root (CAP_NET_ADMIN) and iproute2.
 */

export const HUB_IP = '10.77.0.1';
export const ANN_IP = '10.77.1.2';
export const BOB_IP = '10.77.2.2';
const HUB_ANN_IP = '10.77.1.1';
const HUB_BOB_IP = '10.77.2.1';
const PREFIX = 'cfturn-';

export interface Lab {
  hub: string;
  ann: string;
  bob: string;
  /** Runs `ip netns exec <ns> <command…>` and returns its stdout. */
  exec(ns: string, command: string, args: string[]): string;
  /** An executable that runs `command` inside `ns` (for playwright's executablePath). */
  wrapper(ns: string, command: string): string;
  /** Deletes the namespaces (and with them the veth links). Idempotent. */
  destroy(): void;
}

function ip(args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`\`ip ${args.join(' ')}\` failed: ${stderr.trim() || (error as Error).message}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Namespaces left behind by a run that was killed before its cleanup. */
function removeStale(): void {
  const names = ip(['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(PREFIX));
  for (const name of names) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) ip(['netns', 'delete', name]);
  }
}

function writeSysctl(ns: string, key: string, value: string): void {
  // /proc/sys/net shows the values of the namespace the reading process is in.
  execFileSync('ip', ['netns', 'exec', ns, 'sh', '-c', `echo ${value} > /proc/sys/${key.replaceAll('.', '/')}`]);
}

/**
 * Builds the three namespaces. Throws with the reason (not root, no iproute2, namespaces refused)
 * rather than letting a test pass without them.
 */
export function createLab(): Lab {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('the network-namespace test needs root (ip netns add needs CAP_NET_ADMIN); run the e2e tests as root');
  }
  removeStale();
  const tag = `${PREFIX}${process.pid}`;
  const hub = `${tag}-hub`;
  const ann = `${tag}-ann`;
  const bob = `${tag}-bob`;
  // veth names are at most 15 characters.
  const short = `cf${process.pid % 100_000}`;
  const dir = mkdtempSync(join(tmpdir(), 'confab-netns-'));
  const created: string[] = [];
  const destroy = () => {
    for (const ns of created.splice(0)) {
      try {
        ip(['netns', 'delete', ns]);
      } catch {
        // Already gone.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const exec = (ns: string, command: string, args: string[]) =>
    execFileSync('ip', ['netns', 'exec', ns, command, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  try {
    for (const ns of [hub, ann, bob]) {
      try {
        ip(['netns', 'add', ns]);
      } catch (error) {
        throw new Error(
          `could not create a network namespace, which this test needs (root with CAP_NET_ADMIN and CAP_SYS_ADMIN, ` +
            `and iproute2): ${(error as Error).message}`,
        );
      }
      created.push(ns);
      writeSysctl(ns, 'net.ipv6.conf.all.disable_ipv6', '1');
      writeSysctl(ns, 'net.ipv6.conf.default.disable_ipv6', '1');
      writeSysctl(ns, 'net.ipv4.ip_forward', '0');
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    ip(['-n', hub, 'addr', 'add', `${HUB_IP}/32`, 'dev', 'lo']);
    const link = (spoke: string, name: string, hubIp: string, spokeIp: string) => {
      const hubEnd = `${short}${name}h`;
      const spokeEnd = `${short}${name}s`;
      // Made in the hub and moved, so nothing is ever created in the host's namespace.
      ip(['-n', hub, 'link', 'add', hubEnd, 'type', 'veth', 'peer', 'name', spokeEnd]);
      ip(['-n', hub, 'link', 'set', spokeEnd, 'netns', spoke]);
      ip(['-n', hub, 'addr', 'add', `${hubIp}/24`, 'dev', hubEnd]);
      ip(['-n', hub, 'link', 'set', hubEnd, 'up']);
      ip(['-n', spoke, 'addr', 'add', `${spokeIp}/24`, 'dev', spokeEnd]);
      ip(['-n', spoke, 'link', 'set', spokeEnd, 'up']);
      ip(['-n', spoke, 'route', 'add', `${HUB_IP}/32`, 'via', hubIp]);
    };
    link(ann, 'a', HUB_ANN_IP, ANN_IP);
    link(bob, 'b', HUB_BOB_IP, BOB_IP);
  } catch (error) {
    destroy();
    throw error;
  }

  return {
    hub,
    ann,
    bob,
    exec,
    wrapper: (ns, command) => {
      const path = join(dir, `${ns}-${command.split('/').pop()}`);
      writeFileSync(path, `#!/bin/sh\nexec ip netns exec '${ns}' '${command}' "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    },
    destroy,
  };
}

/** Whether `ns` has a route to `address` (`ip route get` fails with "Network is unreachable" when not). */
export function hasRoute(ns: string, address: string): boolean {
  try {
    ip(['-n', ns, 'route', 'get', address]);
    return true;
  } catch {
    return false;
  }
}
