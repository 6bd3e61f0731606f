import { expect, it } from 'vitest';
import { generateCertificate, usableCertificate } from './certificate.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const certificate = (expires: number) => ({ expires }) as RTCCertificate;

it('a certificate is handed out until a day before it expires', () => {
  const now = 1_000 * DAY_MS;
  expect(usableCertificate(certificate(now + 30 * DAY_MS), now)).toBeDefined();
  expect(usableCertificate(certificate(now + DAY_MS / 2), now)).toBeUndefined();
  expect(usableCertificate(undefined, now)).toBeUndefined();
});

it('where there are no peer connections (Node) nothing is generated', async () => {
  expect(await generateCertificate()).toBeUndefined();
});
