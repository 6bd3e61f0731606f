/**
 * Local stand-ins for the AWS services the Lambda talks to, reached by the real AWS SDK over
 * HTTP on loopback: dynalite (a DynamoDB implementation) with the tables created as
 * template.yaml defines them, and a small @connections endpoint that records every
 * PostToConnection and can answer 410 Gone for chosen connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ServerMessage } from '@confab/protocol';
import { DynamoStore, type TableNames } from '../src/index.js';
import type { Template } from './template.js';

export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The user agent of the test's own admin client, so its requests are not counted as the handler's. */
const ADMIN_AGENT = 'confab-test-admin';
export const STAGE = 'test';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A free loopback port (the OS picks it; closed again before use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts dynalite as a child process (plain `node`, not inside the vitest worker, whose
 * `--conditions import` makes dynalite's own `require('big.js')` load the wrong build).
 */
async function spawnDynalite(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const cli = join(dirname(createRequire(import.meta.url).resolve('dynalite/package.json')), 'cli.js');
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const args = [cli, '--host', '127.0.0.1', '--port', String(port), '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const collect = (d: Buffer) => {
      out += String(d);
      if (out.includes('listening at')) resolve();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (d: Buffer) => (out += String(d)));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}: ${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * dynalite behind a small proxy on loopback that records the DynamoDB operation of every request
 * the code under test sends (the test's own admin requests are told apart by their user agent).
 */
export class LocalDynamo {
  private constructor(
    private readonly child: ChildProcess,
    private readonly proxy: Server,
    readonly endpoint: string,
    /** Operation names (`GetItem`, `UpdateItem`, …) the code under test sent, in order. */
    readonly operations: string[],
  ) {}

  static async start(): Promise<LocalDynamo> {
    const { child, url } = await spawnDynalite();
    const upstream = new URL(url);
    const operations: string[] = [];
    const proxy = createServer((req, res) => {
      const agent = `${req.headers['user-agent'] ?? ''} ${req.headers['x-amz-user-agent'] ?? ''}`;
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string' && !agent.includes(ADMIN_AGENT)) operations.push(target.split('.').pop() ?? target);
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => res.destroy(err));
      req.pipe(forward);
    });
    return new LocalDynamo(child, proxy, await listen(proxy), operations);
  }

  /** A client for the code under test. */
  client(): DynamoDBClient {
    return new DynamoDBClient({ endpoint: this.endpoint, region: REGION, credentials: CREDENTIALS });
  }

  documents(): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(this.client(), { marshallOptions: { removeUndefinedValues: true } });
  }

  /** The test's own client (table set-up, scans for assertions): not recorded. */
  admin(): DynamoDBClient {
    return new DynamoDBClient({ endpoint: this.endpoint, region: REGION, credentials: CREDENTIALS, customUserAgent: ADMIN_AGENT });
  }

  /**
   * Creates the template's tables under fresh names. dynalite has no UpdateTimeToLive, so the
   * TTL setting is checked on the template itself (template.test.ts), not applied here.
   */
  async createTables(template: Template): Promise<TableNames> {
    const admin = this.admin();
    const names: Record<string, string> = {};
    const tableResources = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::DynamoDB::Table');
    for (const [logicalId, resource] of tableResources) {
      const props = resource.Properties as {
        AttributeDefinitions: AttributeDefinition[];
        KeySchema: KeySchemaElement[];
        GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
        BillingMode: CreateTableCommandInput['BillingMode'];
      };
      const name = `${logicalId}-${randomBytes(4).toString('hex')}`;
      await admin.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: props.AttributeDefinitions,
          KeySchema: props.KeySchema,
          BillingMode: props.BillingMode,
          ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes } : {}),
        }),
      );
      names[logicalId] = name;
    }
    admin.destroy();
    const { ConnectionsTable: connections, RoomsTable: rooms, DirectoryTable: directory } = names;
    if (!connections || !rooms || !directory) throw new Error(`template.yaml lacks a table: it has ${Object.keys(names).join(', ')}`);
    return { connections, rooms, directory };
  }

  /** Every item of a table, as DynamoDB attribute values (a test-only Scan, not recorded). */
  async scan(table: string) {
    const admin = this.admin();
    try {
      return (await admin.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [];
    } finally {
      admin.destroy();
    }
  }

  async stop(): Promise<void> {
    await close(this.proxy);
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

export interface Posted {
  connId: string;
  msg: ServerMessage;
}

/** The API Gateway management API's POST /{stage}/@connections/{id}, on a free loopback port. */
export class FakeConnectionsApi {
  readonly posted: Posted[] = [];
  /** Connections answered with 410 Gone. */
  readonly gone = new Set<string>();
  /** Connection ids whose POST was answered 410, in order. */
  readonly goneHits: string[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));
  /** `http://127.0.0.1:<port>/<stage>`: what API Gateway's callback URL would be. */
  callbackUrl = '';

  static async start(): Promise<FakeConnectionsApi> {
    const api = new FakeConnectionsApi();
    api.callbackUrl = `${await listen(api.server)}/${STAGE}`;
    return api;
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const match = /^\/([^/]+)\/@connections\/([^/?]+)$/.exec(req.url ?? '');
    const body = await readBody(req);
    if (req.method !== 'POST' || !match || match[1] !== STAGE) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const connId = decodeURIComponent(match[2]!);
    if (this.gone.has(connId)) {
      this.goneHits.push(connId);
      res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' }).end('{"message":null}');
      return;
    }
    this.posted.push({ connId, msg: JSON.parse(body) as ServerMessage });
    res.writeHead(200, { 'content-type': 'application/json' }).end();
  }

  client(endpoint: string): ApiGatewayManagementApiClient {
    return new ApiGatewayManagementApiClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  }

  /** What one connection received, in order. */
  inbox(connId: string): ServerMessage[] {
    return this.posted.filter((p) => p.connId === connId).map((p) => p.msg);
  }

  stop(): Promise<void> {
    return close(this.server);
  }
}

/** dynalite with fresh tables, a DynamoStore over it, and the fake @connections endpoint. */
export async function startLocalAws(template: Template, options: { now?: () => number } = {}) {
  const dynamo = await LocalDynamo.start();
  const api = await FakeConnectionsApi.start();
  const tables = await dynamo.createTables(template);
  const store = new DynamoStore({ client: dynamo.documents(), tables, ...(options.now ? { now: options.now } : {}) });
  return {
    dynamo,
    api,
    tables,
    store,
    async stop() {
      await Promise.all([dynamo.stop(), api.stop()]);
    },
  };
}
