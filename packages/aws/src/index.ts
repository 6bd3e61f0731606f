export { DynamoStore, MAX_JOIN_ATTEMPTS, type DynamoStoreOptions, type TableNames } from './dynamo-store.js';
export {
  createHandler,
  callbackUrlOf,
  type HandlerOptions,
  type WebSocketEvent,
  type WebSocketHandler,
  type WebSocketResult,
} from './handler.js';
export { ApiGatewayOutbox, isGone, HTTP_GONE } from './api-gateway-deliver.js';
export { GoneConnections } from './gone-connections.js';
export {
  loadLambdaConfig,
  ConfigError,
  LAMBDA_HEARTBEAT_MS,
  API_GATEWAY_IDLE_TIMEOUT_MS,
  API_GATEWAY_MAX_MESSAGE_BYTES,
  MIN_AUTH_SECRET_LENGTH,
  type LambdaConfig,
} from './config.js';
export { jsonLogger, type LogLevel } from './logger.js';
export { TTL_ATTRIBUTE, PEER_INDEX, ROW_LIFETIME_S, MAX_CONNECTION_S, EXPIRY_MARGIN_S } from './rows.js';
export { DynamoDirectory, DIRECTORY_KEY } from './dynamo-directory.js';
