export * from './version.js';
export * from './limits.js';
export * from './errors.js';
export * from './fields.js';
export * from './signal.js';
export * from './client-messages.js';
export * from './server-messages.js';
export * from './parse.js';
export { exceedsJsonDepth } from './json-depth.js';
