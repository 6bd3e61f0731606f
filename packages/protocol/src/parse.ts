import type { z } from 'zod';
import { CLIENT_MESSAGE_SCHEMAS, type ClientMessage } from './client-messages.js';
import { ConfabError, type ErrorCode, type ErrorRef } from './errors.js';
import { exceedsJsonDepth } from './json-depth.js';
import { REQUEST_ID_MAX } from './limits.js';
import { ServerMessage } from './server-messages.js';
import { isClientSignal } from './signal-check.js';

export type ParseResult<T> = { ok: true; msg: T } | { ok: false; error: ConfabError };

/** Fields whose schema failure gets its own code rather than the generic INVALID_MESSAGE. */
const FIELD_CODES: Record<string, ErrorCode> = { room: 'INVALID_ROOM', name: 'INVALID_NAME' };

function refOf(value: Record<string, unknown>): ErrorRef {
  const re: ErrorRef = {};
  if (typeof value.type === 'string') re.type = value.type.slice(0, 32);
  if (typeof value.rid === 'string' && value.rid.length <= REQUEST_ID_MAX) re.rid = value.rid;
  return re;
}

function fail<T>(code: ErrorCode, message: string, re?: ErrorRef): ParseResult<T> {
  return { ok: false, error: new ConfabError(code, message, re) };
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Frames up to this length are parsed before their depth is measured: JSON.parse is iterative
 * (no stack to overflow), so the worst such a frame can do is a few hundred nested arrays, a few
 * microseconds. Longer frames are scanned first, so a hostile 64 KiB `[[[[…` is refused before it
 * is built.
 */
export const DEPTH_SCAN_MIN_LENGTH = 1024;

const TOO_DEEP = 'JSON nests too deeply.';

/**
 * Parses one text frame from a client: JSON, depth, `type`, then the schema of that type.
 *
 * Every client schema is strict and shallower than MAX_JSON_DEPTH, so a message that validates
 * cannot nest too deeply: a short `signal` that passes the hand-written check (signal-check.ts,
 * most of the traffic) is never measured, and every other short frame is measured after
 * JSON.parse, which gives every frame the same answer as measuring first.
 */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  const scanned = text.length > DEPTH_SCAN_MIN_LENGTH;
  if (scanned && exceedsJsonDepth(text)) return fail('INVALID_JSON', TOO_DEEP);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return !scanned && exceedsJsonDepth(text) ? fail('INVALID_JSON', TOO_DEEP) : fail('INVALID_JSON', 'The frame is not valid JSON.');
  }
  if (isClientSignal(value)) return { ok: true, msg: value };
  return validate(value, scanned ? false : exceedsJsonDepth(text));
}

function validate(value: unknown, tooDeep: boolean): ParseResult<ClientMessage> {
  if (tooDeep) return fail('INVALID_JSON', TOO_DEEP);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('INVALID_MESSAGE', 'A message is a JSON object with a "type".');
  }
  const record = value as Record<string, unknown>;
  const re = refOf(record);
  if (typeof record.type !== 'string') return fail('INVALID_MESSAGE', 'The message has no "type".', re);
  if (!Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, record.type)) {
    return fail('UNKNOWN_TYPE', `Unknown message type "${re.type}".`, re);
  }
  const schema = CLIENT_MESSAGE_SCHEMAS[record.type as keyof typeof CLIENT_MESSAGE_SCHEMAS];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, msg: result.data };
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  return fail(FIELD_CODES[field] ?? 'INVALID_MESSAGE', describe(issue), re);
}

/** Parses one frame from the server. Used by the SDK: nothing from the network is trusted unchecked. */
export function parseServerMessage(text: string): ParseResult<ServerMessage> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('INVALID_JSON', 'The frame is not valid JSON.');
  }
  const result = ServerMessage.safeParse(value);
  if (result.success) return { ok: true, msg: result.data };
  return fail('INVALID_MESSAGE', describe(result.error.issues[0]!));
}

/** The wire form of an error. */
export function errorMessage(error: ConfabError) {
  return {
    type: 'error' as const,
    code: error.code,
    message: error.message,
    ...(error.re && (error.re.type || error.re.rid) ? { re: error.re } : {}),
  };
}
