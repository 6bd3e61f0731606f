import type { MediaState } from '@confab/protocol';
import type { AddMemberResult, Member, PasswordGuard, Session, SignalingStore } from '@confab/core';
import type { Redis } from 'ioredis';
import { nodeOf, type RedisKeys } from './keys.js';
import { ADD_MEMBER, DELETE_SESSION, MOVE_MEMBER, REMOVE_MEMBER, REPLACE_MEMBER } from './scripts.js';

function parseMembers(values: readonly string[]): Member[] {
  return values.map((v) => JSON.parse(v) as Member).sort((a, b) => a.joinedAt - b.joinedAt || a.peerId.localeCompare(b.peerId));
}

/**
 * The core's store over Redis, shared by every node. Sessions are strings, rooms are hashes of
 * members; multi-key steps run as Lua scripts so the room cap holds across nodes.
 */
export class RedisStore implements SignalingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async getSession(connId: string): Promise<Session | undefined> {
    const raw = await this.redis.get(this.keys.session(connId));
    return raw === null ? undefined : (JSON.parse(raw) as Session);
  }

  async putSession(session: Session): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.session(session.connId), JSON.stringify(session))
      .set(this.keys.peer(session.peerId), session.connId)
      .sadd(this.keys.nodeConns(nodeOf(session.connId)), session.connId)
      .exec();
  }

  async deleteSession(connId: string): Promise<void> {
    const session = await this.getSession(connId);
    if (!session) return;
    await this.redis.eval(DELETE_SESSION, 3, this.keys.session(connId), this.keys.peer(session.peerId), this.keys.nodeConns(nodeOf(connId)), connId);
  }

  async findSessionByPeer(peerId: string): Promise<Session | undefined> {
    const connId = await this.redis.get(this.keys.peer(peerId));
    return connId === null ? undefined : this.getSession(connId);
  }

  async moveMember(room: string, peerId: string, connId: string): Promise<boolean> {
    return (await this.redis.eval(MOVE_MEMBER, 1, this.keys.members(room), peerId, connId)) === 1;
  }

  async addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult> {
    const result = (await this.redis.eval(
      ADD_MEMBER,
      2,
      this.keys.members(room),
      this.keys.password(room),
      member.peerId,
      JSON.stringify(member),
      capacity,
      guard?.expected ?? '',
      guard?.createWith ?? '',
    )) as string[];
    const [status, hasPassword, ...others] = result;
    if (status === 'full' || status === 'password-changed') return { ok: false, reason: status };
    return { ok: true, hasPassword: hasPassword === '1', others: parseMembers(others) };
  }

  async getPasswordHash(room: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.password(room))) ?? undefined;
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    const left = (await this.redis.eval(REMOVE_MEMBER, 2, this.keys.members(room), this.keys.password(room), peerId)) as string[];
    return parseMembers(left);
  }

  async getMember(room: string, peerId: string): Promise<Member | undefined> {
    const raw = await this.redis.hget(this.keys.members(room), peerId);
    return raw === null ? undefined : (JSON.parse(raw) as Member);
  }

  async listMembers(room: string): Promise<Member[]> {
    return parseMembers(await this.redis.hvals(this.keys.members(room)));
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    const member = await this.getMember(room, peerId);
    if (!member) return undefined;
    const updated = { ...member, media: { ...media } };
    const replaced = await this.redis.eval(REPLACE_MEMBER, 1, this.keys.members(room), peerId, JSON.stringify(updated));
    return replaced === 1 ? updated : undefined;
  }

  /** Puts a member back after Redis lost its data, without the capacity check it already passed. */
  async restoreMember(room: string, member: Member, passwordHash: string | undefined): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.members(room), member.peerId, JSON.stringify(member));
    if (passwordHash) tx.set(this.keys.password(room), passwordHash, 'NX');
    await tx.exec();
  }

  /** Connection ids a node registered (for reaping a dead node). */
  async connectionsOf(nodeId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.nodeConns(nodeId));
  }
}
