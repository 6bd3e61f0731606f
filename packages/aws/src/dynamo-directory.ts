import type { Call, DirectoryEntry } from '@confab/core';
import { nameKey } from '@confab/core';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditional, conditionalResult, isConditionFailure } from './conditional.js';
import { epochSeconds, isLive } from './rows.js';

/** The one item of the directory table. */
export const DIRECTORY_KEY = 'directory';

/** An entry as stored: when it went online orders the list. */
type StoredEntry = Omit<DirectoryEntry, 'busy'> & { onlineAt: number; expiresAt: number };
type StoredCall = Call & { expiresAt: number };

/**
 * The directory item: everyone online, the names they hold, the calls, and which call each busy
 * peer is in. One item, so going online (name unique) and starting a call (both sides free) are
 * each one conditional UpdateItem.
 */
interface DirectoryItem {
  key: string;
  entries?: Record<string, StoredEntry>;
  /** nameKey(name) → peerId. */
  names?: Record<string, string>;
  calls?: Record<string, StoredCall>;
  /** peerId → callId. */
  busy?: Record<string, string>;
  expiresAt?: number;
}

/** Each retry means a stale row was cleared; a few are enough. */
const MAX_ATTEMPTS = 5;

export interface DynamoDirectoryOptions {
  client: DynamoDBDocumentClient;
  table: string;
  lifetimeS: number;
  now: () => number;
}

/**
 * The directory and direct calls of the SignalingStore over DynamoDB. All of it lives in one
 * item, which bounds it: DynamoDB items hold at most 400 KB (a few thousand people online), and
 * each write is billed by the item's size. Entries and calls carry their own `expiresAt` and
 * count as gone after it; a name or a busy flag left by a connection that vanished is reclaimed.
 */
export class DynamoDirectory {
  private readonly key = { key: DIRECTORY_KEY };

  constructor(private readonly options: DynamoDirectoryOptions) {}

  private nowS(): number {
    return epochSeconds(this.options.now());
  }

  private expiry(): number {
    return this.nowS() + this.options.lifetimeS;
  }

  private update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>) {
    return this.options.client.send(new UpdateCommand({ TableName: this.options.table, Key: this.key, ...input }));
  }

  private async read(projection?: string, names?: Record<string, string>): Promise<DirectoryItem> {
    const { Item } = await this.options.client.send(
      new GetCommand({
        TableName: this.options.table,
        Key: this.key,
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection, ExpressionAttributeNames: names } : {}),
      }),
    );
    return (Item as DirectoryItem | undefined) ?? { key: DIRECTORY_KEY };
  }

  /** Creates the item's maps if missing (nested paths cannot be written into absent maps). */
  private async ensure(): Promise<void> {
    await this.update({
      UpdateExpression:
        'SET #e = if_not_exists(#e, :empty), #n = if_not_exists(#n, :empty), #c = if_not_exists(#c, :empty), ' +
        '#b = if_not_exists(#b, :empty), #exp = :exp',
      ExpressionAttributeNames: { '#e': 'entries', '#n': 'names', '#c': 'calls', '#b': 'busy', '#exp': 'expiresAt' },
      ExpressionAttributeValues: { ':empty': {}, ':exp': this.expiry() },
    });
  }

  private view(item: DirectoryItem, entry: StoredEntry): DirectoryEntry {
    const callId = item.busy?.[entry.peerId];
    const call = callId === undefined ? undefined : item.calls?.[callId];
    return { peerId: entry.peerId, connId: entry.connId, name: entry.name, busy: call !== undefined && isLive(call, this.nowS()) };
  }

  private liveEntries(item: DirectoryItem): DirectoryEntry[] {
    const nowS = this.nowS();
    return Object.values(item.entries ?? {})
      .filter((e) => isLive(e, nowS))
      .sort((a, b) => a.onlineAt - b.onlineAt || a.peerId.localeCompare(b.peerId))
      .map((e) => this.view(item, e));
  }

  async goOnline(entry: Omit<DirectoryEntry, 'busy'>): Promise<{ ok: true; others: DirectoryEntry[] } | { ok: false }> {
    const key = nameKey(entry.name);
    const stored: StoredEntry = { ...entry, onlineAt: this.options.now(), expiresAt: this.expiry() };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await this.ensure();
      const after = await conditionalResult(() =>
        this.update({
          UpdateExpression: 'SET #e.#p = :entry, #n.#k = :peer',
          ConditionExpression: 'attribute_not_exists(#n.#k)',
          ExpressionAttributeNames: { '#e': 'entries', '#n': 'names', '#p': entry.peerId, '#k': key },
          ExpressionAttributeValues: { ':entry': stored, ':peer': entry.peerId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (after) {
        return { ok: true, others: this.liveEntries(after.Attributes as DirectoryItem).filter((e) => e.peerId !== entry.peerId) };
      }
      const item = await this.read('#n.#k, #e', { '#n': 'names', '#k': key, '#e': 'entries' });
      const holder = item.names?.[key];
      if (holder === undefined) continue;
      const held = item.entries?.[holder];
      if (held && isLive(held, this.nowS())) return { ok: false };
      // The name's holder went away without going offline: free the name and its entry.
      await conditional(() =>
        this.update({
          UpdateExpression: 'REMOVE #n.#k, #e.#h',
          ConditionExpression: '#n.#k = :holder',
          ExpressionAttributeNames: { '#n': 'names', '#k': key, '#e': 'entries', '#h': holder },
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    }
    throw new Error(`the directory kept changing while "${entry.name}" went online`);
  }

  async goOffline(peerId: string): Promise<boolean> {
    const before = await conditionalResult(() =>
      this.update({
        UpdateExpression: 'REMOVE #e.#p',
        ConditionExpression: 'attribute_exists(#e.#p)',
        ExpressionAttributeNames: { '#e': 'entries', '#p': peerId },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const entry = (before?.Attributes as DirectoryItem | undefined)?.entries?.[peerId];
    if (!entry) return false;
    await conditional(() =>
      this.update({
        UpdateExpression: 'REMOVE #n.#k',
        ConditionExpression: '#n.#k = :peer',
        ExpressionAttributeNames: { '#n': 'names', '#k': nameKey(entry.name) },
        ExpressionAttributeValues: { ':peer': peerId },
      }),
    );
    return isLive(entry, this.nowS());
  }

  async getOnline(peerId: string): Promise<DirectoryEntry | undefined> {
    const item = await this.read('#e.#p, #b.#p, #c', { '#e': 'entries', '#b': 'busy', '#c': 'calls', '#p': peerId });
    const entry = item.entries?.[peerId];
    return entry && isLive(entry, this.nowS()) ? this.view(item, entry) : undefined;
  }

  async listOnline(): Promise<DirectoryEntry[]> {
    return this.liveEntries(await this.read('#e, #b, #c', { '#e': 'entries', '#b': 'busy', '#c': 'calls' }));
  }

  async moveOnline(peerId: string, connId: string): Promise<void> {
    await conditional(() =>
      this.update({
        UpdateExpression: 'SET #e.#p.#conn = :conn, #e.#p.#exp = :exp',
        ConditionExpression: 'attribute_exists(#e.#p)',
        ExpressionAttributeNames: { '#e': 'entries', '#p': peerId, '#conn': 'connId', '#exp': 'expiresAt' },
        ExpressionAttributeValues: { ':conn': connId, ':exp': this.expiry() },
      }),
    );
  }

  async createCall(call: Call): Promise<'ok' | 'caller-busy' | 'callee-busy'> {
    const stored: StoredCall = { ...call, expiresAt: this.expiry() };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await this.ensure();
      const created = await conditional(() =>
        this.update({
          UpdateExpression: 'SET #c.#id = :call, #b.#caller = :id, #b.#callee = :id',
          ConditionExpression: 'attribute_not_exists(#b.#caller) AND attribute_not_exists(#b.#callee)',
          ExpressionAttributeNames: { '#c': 'calls', '#b': 'busy', '#id': call.id, '#caller': call.caller, '#callee': call.callee },
          ExpressionAttributeValues: { ':call': stored, ':id': call.id },
        }),
      );
      if (created) return 'ok';
      const item = await this.read('#b.#caller, #b.#callee, #c', {
        '#b': 'busy',
        '#c': 'calls',
        '#caller': call.caller,
        '#callee': call.callee,
      });
      for (const [peer, verdict] of [
        [call.caller, 'caller-busy'],
        [call.callee, 'callee-busy'],
      ] as const) {
        const callId = item.busy?.[peer];
        if (callId === undefined) continue;
        const current = item.calls?.[callId];
        if (current && isLive(current, this.nowS())) return verdict;
        await this.clearBusy(peer, callId);
      }
    }
    throw new Error(`the directory kept changing while call ${call.id} was created`);
  }

  /** Frees a peer left busy by a call that has expired or is gone. */
  private async clearBusy(peerId: string, callId: string): Promise<void> {
    await conditional(() =>
      this.update({
        UpdateExpression: 'REMOVE #b.#p, #c.#id',
        ConditionExpression: '#b.#p = :id',
        ExpressionAttributeNames: { '#b': 'busy', '#c': 'calls', '#p': peerId, '#id': callId },
        ExpressionAttributeValues: { ':id': callId },
      }),
    );
  }

  async getCall(callId: string): Promise<Call | undefined> {
    const item = await this.read('#c.#id', { '#c': 'calls', '#id': callId });
    return this.liveCall(item.calls?.[callId]);
  }

  async callOf(peerId: string): Promise<string | undefined> {
    const item = await this.read('#b.#p', { '#b': 'busy', '#p': peerId });
    return item.busy?.[peerId];
  }

  async activateCall(callId: string): Promise<Call | undefined> {
    const after = await conditionalResult(() =>
      this.update({
        UpdateExpression: 'SET #c.#id.#state = :active',
        ConditionExpression: '#c.#id.#state = :ringing',
        ExpressionAttributeNames: { '#c': 'calls', '#id': callId, '#state': 'state' },
        ExpressionAttributeValues: { ':active': 'active', ':ringing': 'ringing' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return this.liveCall((after?.Attributes as DirectoryItem | undefined)?.calls?.[callId]);
  }

  async endCall(callId: string): Promise<Call | undefined> {
    const item = await this.read('#c.#id', { '#c': 'calls', '#id': callId });
    const call = item.calls?.[callId];
    if (!call) return undefined;
    try {
      // Only one ender wins: the call must still be there.
      await this.update({
        UpdateExpression: 'REMOVE #c.#id, #b.#caller, #b.#callee',
        ConditionExpression: 'attribute_exists(#c.#id)',
        ExpressionAttributeNames: { '#c': 'calls', '#b': 'busy', '#id': callId, '#caller': call.caller, '#callee': call.callee },
      });
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
    const { expiresAt: _expiresAt, ...ended } = call;
    return ended;
  }

  private liveCall(call: StoredCall | undefined): Call | undefined {
    if (!call || !isLive(call, this.nowS())) return undefined;
    const { expiresAt: _expiresAt, ...plain } = call;
    return plain;
  }
}
