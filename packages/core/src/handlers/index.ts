import type { HandlerMap } from '../context.js';
import { hello } from './hello.js';
import { join } from './join.js';
import { leave } from './leave.js';
import { media } from './media.js';
import { ping } from './ping.js';
import { signal } from './signal.js';

/** The registry: one handler per client message type. */
export const handlers: HandlerMap = { hello, join, leave, signal, media, ping };
