#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { GrantClaims } from '@confab/core';
import { SignJWT } from 'jose';

/**
 * `npm run token -- --room R --name N --ttl 1h [--no-publish]`: mints an HS256 token with
 * AUTH_SECRET, for operators of a server that requires tokens.
 */
const USAGE = 'usage: npm run token -- --room <room|*> [--room …] [--name <name>] [--ttl 1h] [--no-publish]';
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function ttlSeconds(text: string): number {
  const match = /^(\d+)([smhd])?$/.exec(text);
  if (!match) throw new Error(`--ttl must look like 90s, 30m, 1h or 7d, got "${text}"`);
  return Number(match[1]) * UNIT_SECONDS[match[2] ?? 's']!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      room: { type: 'string', multiple: true },
      name: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      'no-publish': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.room?.length) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const secret = process.env.AUTH_SECRET;
  if (!secret) {
    console.error('AUTH_SECRET is not set: the token must be signed with the same secret as the server.');
    process.exit(2);
  }
  const grant = GrantClaims.parse({ rooms: values.room, name: values.name, publish: !values['no-publish'] });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ...grant })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds(values.ttl))
    .sign(new TextEncoder().encode(secret));
  console.log(token);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
