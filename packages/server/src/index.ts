export { createConfabServer, type ConfabServer, type ConfabServerOptions } from './server.js';
export { loadConfig, ConfigError, type ServerConfig } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { WsTransport, WS_PATH } from './ws-transport.js';
export { iceServersFor, turnCredential, turnExpiry, iceRefreshIntervalMs, type IceConfig, type TurnConfig } from './ice-servers.js';
