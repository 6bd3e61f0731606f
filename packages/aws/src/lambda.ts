/**
 * The Lambda entry point bundled by `npm run build:lambda` (dist-lambda/index.mjs, handler
 * `index.handler`). Configuration comes from the environment that template.yaml sets; clients and
 * the store are made once per Lambda instance and reused across invocations.
 */
import { createJwtAuthenticator } from '@confab/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadLambdaConfig } from './config.js';
import { DynamoStore } from './dynamo-store.js';
import { createHandler } from './handler.js';
import { jsonLogger } from './logger.js';

const config = loadLambdaConfig(process.env);
const log = jsonLogger(config.logLevel);
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const handler = createHandler({
  store: new DynamoStore({ client: documents, tables: config.tables }),
  maxPeers: config.maxPeers,
  heartbeatMs: config.heartbeatMs,
  prejoin: config.prejoin,
  iceServers: () => config.iceServers,
  ...(config.auth ? { authenticate: createJwtAuthenticator(config.auth) } : {}),
  ...(config.resumeSecret ? { resumeSecret: config.resumeSecret } : {}),
  maxMessageBytes: config.maxMessageBytes,
  allowedOrigins: config.allowedOrigins,
  ...(config.callbackUrl ? { callbackUrl: config.callbackUrl } : {}),
  log,
});
