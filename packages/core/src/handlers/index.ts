import type { HandlerMap } from '../context.js';
import { accept, cancel, decline, hangup } from './call-actions.js';
import { hello } from './hello.js';
import { invite } from './invite.js';
import { join } from './join.js';
import { leave } from './leave.js';
import { media } from './media.js';
import { offline } from './offline.js';
import { online } from './online.js';
import { ping } from './ping.js';
import { prepare, unprepare } from './prepare.js';
import { signal } from './signal.js';

/** The registry: one handler per client message type. */
export const handlers: HandlerMap = {
  hello,
  join,
  prepare,
  unprepare,
  leave,
  signal,
  media,
  ping,
  online,
  offline,
  invite,
  accept,
  decline,
  cancel,
  hangup,
};
