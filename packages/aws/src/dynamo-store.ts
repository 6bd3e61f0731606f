import type { MediaState } from '@confab/protocol';
import type { AddMemberResult, Call, DirectoryEntry, Member, PasswordGuard, PendingEntry, Session, SignalingStore } from '@confab/core';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditional, isConditionFailure } from './conditional.js';
import { DynamoDirectory } from './dynamo-directory.js';
import {
  PEER_INDEX,
  ROW_LIFETIME_S,
  entriesOf,
  epochSeconds,
  isLive,
  liveMembers,
  toMember,
  toSession,
  type MemberEntry,
  type RoomItem,
  type SessionItem,
} from './rows.js';

/** The two tables template.yaml creates. */
export interface TableNames {
  /** Partition key `connId` (S), with the global secondary index PEER_INDEX on `peerId`. */
  connections: string;
  /** Partition key `room` (S). */
  rooms: string;
  /** Partition key `key` (S): one item, the directory of people online and their calls. */
  directory: string;
}

export interface DynamoStoreOptions {
  /** A document client; build it with `marshallOptions: { removeUndefinedValues: true }`. */
  client: DynamoDBDocumentClient;
  tables: TableNames;
  /** How long a row lives, in seconds (default: API Gateway's 2-hour connection limit + 10 minutes). */
  rowLifetimeS?: number;
  now?: () => number;
}

/** A pending entry inside a lobby item, with its own expiry (epoch seconds). */
type PendingItemEntry = PendingEntry & { expiresAt: number };

/**
 * Rooms table: a room's lobby (its pending entries) is an item of its own, keyed by LOBBY_PREFIX
 * and the room's name (a room name cannot contain "#", so the keys never meet). Apart from the
 * room's item, so emptying or deleting the room leaves the visitors in its lobby.
 */
interface LobbyItem {
  room: string;
  pending?: Record<string, PendingItemEntry>;
  expiresAt: number;
}

export const LOBBY_PREFIX = 'lobby#';

function lobbyKey(room: string): string {
  return `${LOBBY_PREFIX}${room}`;
}

/**
 * A join re-reads the room and tries again when a concurrent write changed it in between. Each
 * retry means another join or leave succeeded, so a room of N places settles within about N + 2.
 */
export const MAX_JOIN_ATTEMPTS = 25;

/**
 * The core's store over DynamoDB (AWS SDK v3). Every read and write names its item by key (the
 * one Query, on a resume, is by the `byPeer` index key): no Scan. A room is one item whose
 * `members` map holds everyone in it, so the capacity and password checks and the insert are one
 * conditional UpdateItem, exact under any concurrency.
 * Every item carries the TTL attribute `expiresAt`; reads treat expired rows as absent and a join
 * reclaims the places of members whose connection must have closed (best-effort `$disconnect`).
 */
export class DynamoStore implements SignalingStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tables: TableNames;
  private readonly lifetimeS: number;
  private readonly now: () => number;
  private readonly directory: DynamoDirectory;

  constructor(options: DynamoStoreOptions) {
    this.client = options.client;
    this.tables = options.tables;
    this.lifetimeS = options.rowLifetimeS ?? ROW_LIFETIME_S;
    this.now = options.now ?? Date.now;
    this.directory = new DynamoDirectory({ client: this.client, table: this.tables.directory, lifetimeS: this.lifetimeS, now: this.now });
  }

  private nowS(): number {
    return epochSeconds(this.now());
  }

  // ---- sessions (connections table) ----

  async getSession(connId: string): Promise<Session | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tables.connections, Key: { connId }, ConsistentRead: true }),
    );
    const item = Item as SessionItem | undefined;
    return item && isLive(item, this.nowS()) ? toSession(item) : undefined;
  }

  async putSession(session: Session): Promise<void> {
    const item: SessionItem = { ...session, expiresAt: this.nowS() + this.lifetimeS };
    await this.client.send(new PutCommand({ TableName: this.tables.connections, Item: item }));
  }

  async deleteSession(connId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tables.connections, Key: { connId } }));
  }

  /** A Query on the `byPeer` index (eventually consistent, like every global secondary index). */
  async findSessionByPeer(peerId: string): Promise<Session | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tables.connections,
        IndexName: PEER_INDEX,
        KeyConditionExpression: '#peer = :peer',
        ExpressionAttributeNames: { '#peer': 'peerId' },
        ExpressionAttributeValues: { ':peer': peerId },
      }),
    );
    const nowS = this.nowS();
    const live = ((Items ?? []) as SessionItem[]).filter((item) => isLive(item, nowS));
    // Two rows only while a resume moves the session; the newest written is the holder.
    live.sort((a, b) => b.expiresAt - a.expiresAt);
    return live[0] ? toSession(live[0]) : undefined;
  }

  // ---- rooms (rooms table) ----

  async addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult> {
    for (let attempt = 0; attempt < MAX_JOIN_ATTEMPTS; attempt++) {
      const nowS = this.nowS();
      const item = await this.getRoom(room);
      const entries = entriesOf(item, nowS);
      const dead = entries.filter((e) => !isLive(e, nowS));
      if (dead.length > 0) {
        await this.reap(room, dead);
        continue;
      }
      const entry: MemberEntry = { ...member, media: { ...member.media }, expiresAt: nowS + this.lifetimeS };
      if (entries.length === 0) {
        if (await this.createRoom(room, entry, guard?.createWith, nowS)) {
          return { ok: true, others: [], hasPassword: guard?.createWith !== undefined };
        }
        continue;
      }
      // The room exists: these answers hold as of the read above.
      if (item?.passwordHash !== guard?.expected) return { ok: false, reason: 'password-changed' };
      if (entries.length >= capacity) return { ok: false, reason: 'full' };
      const after = await this.insertMember(room, entry, capacity, guard?.expected, nowS);
      if (after) {
        return {
          ok: true,
          others: liveMembers(after, nowS).filter((m) => m.peerId !== member.peerId),
          hasPassword: after.passwordHash !== undefined,
        };
      }
    }
    throw new Error(`room "${room}" kept changing during a join; gave up after ${MAX_JOIN_ATTEMPTS} attempts`);
  }

  async getPasswordHash(room: string): Promise<string | undefined> {
    const item = await this.getRoom(room);
    return liveMembers(item, this.nowS()).length > 0 ? item?.passwordHash : undefined;
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    let after: RoomItem | undefined;
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          UpdateExpression: 'REMOVE #m.#p ADD #rev :one',
          ConditionExpression: 'attribute_exists(#m.#p)',
          ExpressionAttributeNames: { '#m': 'members', '#p': peerId, '#rev': 'rev' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      after = result.Attributes as RoomItem | undefined;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return this.listMembers(room);
    }
    const left = liveMembers(after, this.nowS());
    if (left.length === 0 && after?.rev !== undefined) {
      // Deletes the emptied room unless someone joined since (which bumps `rev`).
      await conditional(() =>
        this.client.send(
          new DeleteCommand({
            TableName: this.tables.rooms,
            Key: { room },
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': after.rev },
          }),
        ),
      );
    }
    return left;
  }

  async getMember(room: string, peerId: string): Promise<Member | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tables.rooms,
        Key: { room },
        ProjectionExpression: '#m.#p, #exp',
        ExpressionAttributeNames: { '#m': 'members', '#p': peerId, '#exp': 'expiresAt' },
        ConsistentRead: true,
      }),
    );
    return liveMembers(Item as RoomItem | undefined, this.nowS()).find((m) => m.peerId === peerId);
  }

  async listMembers(room: string): Promise<Member[]> {
    return liveMembers(await this.getRoom(room), this.nowS());
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          UpdateExpression: 'SET #m.#p.#media = :media',
          ConditionExpression: 'attribute_exists(#m.#p)',
          ExpressionAttributeNames: { '#m': 'members', '#p': peerId, '#media': 'media' },
          ExpressionAttributeValues: { ':media': { ...media } },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return liveMembers(Attributes as RoomItem | undefined, this.nowS()).find((m) => m.peerId === peerId);
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  async moveMember(room: string, peerId: string, connId: string): Promise<boolean> {
    return conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          // The new connection may live another two hours: so may the member and the room.
          UpdateExpression: 'SET #m.#p.#conn = :conn, #m.#p.#exp = :exp, #exp = :exp',
          ConditionExpression: 'attribute_exists(#m.#p)',
          ExpressionAttributeNames: { '#m': 'members', '#p': peerId, '#conn': 'connId', '#exp': 'expiresAt' },
          ExpressionAttributeValues: { ':conn': connId, ':exp': this.nowS() + this.lifetimeS },
        }),
      ),
    );
  }

  // ---- lobbies (rooms table, one item per room's lobby: see LobbyItem) ----

  async addPending(room: string, entry: PendingEntry, cap: number, ttlMs: number): Promise<boolean> {
    const key = lobbyKey(room);
    const nowS = this.nowS();
    const exp = nowS + Math.ceil(ttlMs / 1000);
    const item = await this.getLobby(room);
    if (!item || !isLive(item, nowS)) {
      // A fresh lobby item (or one whose entries all expired); a concurrent creator wins harmlessly.
      await conditional(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tables.rooms,
            Item: { room: key, pending: {}, expiresAt: exp } satisfies LobbyItem,
            ConditionExpression: 'attribute_not_exists(#room) OR #exp <= :now',
            ExpressionAttributeNames: { '#room': 'room', '#exp': 'expiresAt' },
            ExpressionAttributeValues: { ':now': nowS },
          }),
        ),
      );
    } else {
      const dead = Object.values(item.pending ?? {}).filter((e) => !isLive(e, nowS));
      if (dead.length > 0) await this.reapPending(key, dead);
    }
    const stored: PendingItemEntry = { ...entry, expiresAt: exp };
    return conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room: key },
          UpdateExpression: 'SET #pd.#p = :entry, #exp = :exp',
          ConditionExpression: 'attribute_exists(#pd) AND (size(#pd) < :cap OR attribute_exists(#pd.#p))',
          ExpressionAttributeNames: { '#pd': 'pending', '#p': entry.peerId, '#exp': 'expiresAt' },
          ExpressionAttributeValues: { ':entry': stored, ':exp': exp, ':cap': cap },
        }),
      ),
    );
  }

  async removePending(room: string, peerId: string): Promise<boolean> {
    return conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room: lobbyKey(room) },
          UpdateExpression: 'REMOVE #pd.#p',
          ConditionExpression: 'attribute_exists(#pd.#p)',
          ExpressionAttributeNames: { '#pd': 'pending', '#p': peerId },
        }),
      ),
    );
  }

  async getPending(room: string, peerId: string): Promise<PendingEntry | undefined> {
    return (await this.listPending(room)).find((e) => e.peerId === peerId);
  }

  async listPending(room: string): Promise<PendingEntry[]> {
    const nowS = this.nowS();
    const item = await this.getLobby(room);
    if (!item || !isLive(item, nowS)) return [];
    return Object.values(item.pending ?? {})
      .filter((e) => isLive(e, nowS))
      .map(({ expiresAt: _expiresAt, ...e }) => e)
      .sort((a, b) => a.preparedAt - b.preparedAt || a.peerId.localeCompare(b.peerId));
  }

  private async getLobby(room: string): Promise<LobbyItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tables.rooms, Key: { room: lobbyKey(room) }, ConsistentRead: true }),
    );
    return Item as LobbyItem | undefined;
  }

  private async reapPending(key: string, dead: readonly PendingItemEntry[]): Promise<void> {
    const names: Record<string, string> = { '#pd': 'pending' };
    dead.forEach((e, i) => (names[`#d${i}`] = e.peerId));
    await conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room: key },
          UpdateExpression: `REMOVE ${dead.map((_, i) => `#pd.#d${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(#pd)',
          ExpressionAttributeNames: names,
        }),
      ),
    );
  }

  // ---- directory and direct calls (directory table; see DynamoDirectory) ----

  goOnline(entry: Omit<DirectoryEntry, 'busy'>): Promise<{ ok: true; others: DirectoryEntry[] } | { ok: false }> {
    return this.directory.goOnline(entry);
  }

  goOffline(peerId: string): Promise<boolean> {
    return this.directory.goOffline(peerId);
  }

  getOnline(peerId: string): Promise<DirectoryEntry | undefined> {
    return this.directory.getOnline(peerId);
  }

  listOnline(): Promise<DirectoryEntry[]> {
    return this.directory.listOnline();
  }

  moveOnline(peerId: string, connId: string): Promise<void> {
    return this.directory.moveOnline(peerId, connId);
  }

  createCall(call: Call): Promise<'ok' | 'caller-busy' | 'callee-busy'> {
    return this.directory.createCall(call);
  }

  getCall(callId: string): Promise<Call | undefined> {
    return this.directory.getCall(callId);
  }

  callOf(peerId: string): Promise<string | undefined> {
    return this.directory.callOf(peerId);
  }

  activateCall(callId: string): Promise<Call | undefined> {
    return this.directory.activateCall(callId);
  }

  endCall(callId: string): Promise<Call | undefined> {
    return this.directory.endCall(callId);
  }

  // ---- steps of a join ----

  private async getRoom(room: string): Promise<RoomItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tables.rooms, Key: { room }, ConsistentRead: true }));
    return Item as RoomItem | undefined;
  }

  /** Starts the room with its first member, if it is absent, expired or empty. */
  private createRoom(room: string, entry: MemberEntry, passwordHash: string | undefined, nowS: number): Promise<boolean> {
    const password = passwordHash === undefined ? ' REMOVE #pw' : ', #pw = :pw';
    return conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          UpdateExpression: `SET #m = :members, #exp = :exp${password} ADD #rev :one`,
          ConditionExpression: 'attribute_not_exists(#room) OR #exp <= :now OR size(#m) = :zero',
          ExpressionAttributeNames: { '#room': 'room', '#m': 'members', '#exp': 'expiresAt', '#pw': 'passwordHash', '#rev': 'rev' },
          ExpressionAttributeValues: {
            ':members': { [entry.peerId]: entry },
            ':exp': entry.expiresAt,
            ':now': nowS,
            ':zero': 0,
            ':one': 1,
            ...(passwordHash === undefined ? {} : { ':pw': passwordHash }),
          },
        }),
      ),
    );
  }

  /**
   * Adds a member to a live room: one conditional write checks that it is not empty, has a free
   * place and still has the password the joiner was checked against. Returns the room after.
   */
  private async insertMember(
    room: string,
    entry: MemberEntry,
    capacity: number,
    expectedHash: string | undefined,
    nowS: number,
  ): Promise<RoomItem | undefined> {
    const password = expectedHash === undefined ? 'attribute_not_exists(#pw)' : '#pw = :pw';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          UpdateExpression: 'SET #m.#p = :entry, #exp = :exp ADD #rev :one',
          ConditionExpression:
            `attribute_exists(#room) AND #exp > :now AND size(#m) > :zero AND size(#m) < :cap ` +
            `AND attribute_not_exists(#m.#p) AND ${password}`,
          ExpressionAttributeNames: {
            '#room': 'room',
            '#m': 'members',
            '#p': entry.peerId,
            '#exp': 'expiresAt',
            '#pw': 'passwordHash',
            '#rev': 'rev',
          },
          ExpressionAttributeValues: {
            ':entry': entry,
            ':exp': entry.expiresAt,
            ':now': nowS,
            ':zero': 0,
            ':cap': capacity,
            ':one': 1,
            ...(expectedHash === undefined ? {} : { ':pw': expectedHash }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as RoomItem | undefined;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  /** Frees the places of members whose connection must have closed; they never come back. */
  private async reap(room: string, dead: readonly MemberEntry[]): Promise<void> {
    const names: Record<string, string> = { '#m': 'members', '#rev': 'rev' };
    dead.forEach((e, i) => (names[`#d${i}`] = e.peerId));
    await conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tables.rooms,
          Key: { room },
          UpdateExpression: `REMOVE ${dead.map((_, i) => `#m.#d${i}`).join(', ')} ADD #rev :one`,
          ConditionExpression: 'attribute_exists(#m)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    );
  }
}
