import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits in every token. */
const TOKEN_RANDOM_BYTES = 16;

/**
 * Resume tokens: 128 random bits plus an HMAC binding them to the peer id, `<random>.<tag>`.
 * While the server holds the session it compares the token with the one it issued last (so an
 * old token is refused); after a restart that lost its state, the HMAC still proves the id
 * belongs to whoever presents a token the server issued, so the client keeps its id.
 */
export class ResumeTokens {
  private readonly key: Buffer;

  constructor(secret: string | Buffer) {
    this.key = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
  }

  issue(peerId: string): string {
    const random = randomBytes(TOKEN_RANDOM_BYTES).toString('base64url');
    return `${random}.${this.tag(peerId, random)}`;
  }

  /** True when the token was issued by this secret for this peer id. */
  verify(peerId: string, token: string): boolean {
    const [random, tag] = token.split('.');
    if (!random || !tag) return false;
    return sameText(tag, this.tag(peerId, random));
  }

  private tag(peerId: string, random: string): string {
    return createHmac('sha256', this.key).update(`${peerId}:${random}`).digest('base64url');
  }
}

/** Constant-time string comparison. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
