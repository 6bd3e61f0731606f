import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_BYTES = 32;
const FILE_NAME = 'resume.key';

/**
 * The key of resume tokens. It must survive a restart for clients to keep their ids after the
 * server lost its state, so unless RESUME_SECRET is set it is kept in a file (mode 0600) in the
 * state directory, created on first start.
 */
export function loadResumeSecret(configured: string | undefined, stateDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const path = join(stateDir, FILE_NAME);
  try {
    const existing = readFileSync(path);
    if (existing.length >= SECRET_BYTES) return existing;
  } catch {
    // first start: create it below
  }
  const secret = randomBytes(SECRET_BYTES);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
