import type { z } from 'zod';
import { CLIENT_MESSAGE_SCHEMAS, type ClientMessage } from './client-messages.js';
import { ConfabError, type ErrorCode, type ErrorRef } from './errors.js';
import { exceedsJsonDepth } from './json-depth.js';
import { REQUEST_ID_MAX } from './limits.js';
import { ServerMessage } from './server-messages.js';

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

/** Parses one text frame from a client: JSON, depth, `type`, then the schema of that type. */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  if (exceedsJsonDepth(text)) return fail('INVALID_JSON', 'JSON nests too deeply.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('INVALID_JSON', 'The frame is not valid JSON.');
  }
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
