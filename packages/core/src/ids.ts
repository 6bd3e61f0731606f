import { randomBytes } from 'node:crypto';

/** A server-assigned peer id: 96 random bits, URL-safe. */
export function randomPeerId(): string {
  return randomBytes(12).toString('base64url');
}
