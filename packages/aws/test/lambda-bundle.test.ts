import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerMessage } from '@confab/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambda } from '../scripts/build-lambda.mjs';
import { loadBundle, type AwsBundle } from './bundle.js';
import { loadTemplate } from './template.js';

const OUT_DIR = fileURLToPath(new URL(`../../../node_modules/.cache/confab-aws-tests/lambda-${process.pid}/`, import.meta.url));

let cleanup: () => Promise<void>;
let local: Awaited<ReturnType<AwsBundle['startLocalAws']>>;
let handler: (event: unknown) => Promise<{ statusCode: number }>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  let aws: AwsBundle;
  ({ aws, cleanup } = await loadBundle());
  local = await aws.startLocalAws(await loadTemplate());
  const outfile = await buildLambda(OUT_DIR);
  // What template.yaml and the Lambda runtime would set, pointed at the local stand-ins.
  Object.assign(process.env, {
    CONNECTIONS_TABLE: local.tables.connections,
    ROOMS_TABLE: local.tables.rooms,
    DIRECTORY_TABLE: local.tables.directory,
    CALLBACK_URL: local.api.callbackUrl,
    MAX_PEERS: '2',
    LOG_LEVEL: 'error',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: local.dynamo.endpoint,
  });
  ({ handler } = (await import(pathToFileURL(outfile).href)) as { handler: typeof handler });
});

afterAll(async () => {
  process.env = savedEnv;
  await local?.stop();
  await cleanup?.();
  await rm(OUT_DIR, { recursive: true, force: true });
});

const event = (routeKey: string, connectionId: string, body?: object) => ({
  requestContext: { routeKey, connectionId, domainName: 'example.execute-api.us-east-1.amazonaws.com', stage: 'test' },
  ...(body ? { body: JSON.stringify(body), isBase64Encoded: false } : {}),
});
const inbox = (id: string): ServerMessage[] => local.api.inbox(id);

describe('the Lambda bundle (npm run build:lambda)', () => {
  it('is one ESM file with a package.json for sam build', async () => {
    const manifest = JSON.parse(await readFile(`${OUT_DIR}package.json`, 'utf8')) as { type: string; main: string };
    expect(manifest).toMatchObject({ type: 'module', main: 'index.mjs' });
    expect(typeof handler).toBe('function');
  });

  it('handles a call from $connect to $disconnect with the environment template.yaml sets', async () => {
    for (const id of ['lambda-a', 'lambda-b', 'lambda-c']) {
      expect(await handler(event('$connect', id))).toEqual({ statusCode: 200 });
      await handler(event('$default', id, { type: 'hello', v: 1 }));
      expect(inbox(id)[0]).toMatchObject({ type: 'welcome', heartbeatMs: 60_000 });
      await handler(event('$default', id, { type: 'join', room: 'bundled', name: id, rid: 'j' }));
    }
    expect(inbox('lambda-a').find((m) => m.type === 'joined')).toMatchObject({ maxPeers: 2 });
    expect(inbox('lambda-c').at(-1)).toMatchObject({ type: 'error', code: 'ROOM_FULL' });
    await handler(event('$disconnect', 'lambda-b'));
    expect(inbox('lambda-a').at(-1)).toMatchObject({ type: 'peer-left', reason: 'disconnected' });
  });
});
