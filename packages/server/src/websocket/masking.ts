/**
 * Client-to-server frames are masked (RFC 6455 §5.3): payload byte i is XORed with byte i % 4 of
 * the frame's 32-bit masking key. The key is kept as one unsigned 32-bit number (most significant
 * byte first), so a payload that arrives over several chunks is unmasked once, when complete.
 */
export function unmask(payload: Uint8Array, key: number): void {
  if (key === 0) return;
  const k0 = key >>> 24;
  const k1 = (key >>> 16) & 0xff;
  const k2 = (key >>> 8) & 0xff;
  const k3 = key & 0xff;
  const n = payload.length;
  const whole = n - (n & 3);
  let i = 0;
  for (; i < whole; i += 4) {
    payload[i] = payload[i]! ^ k0;
    payload[i + 1] = payload[i + 1]! ^ k1;
    payload[i + 2] = payload[i + 2]! ^ k2;
    payload[i + 3] = payload[i + 3]! ^ k3;
  }
  for (; i < n; i++) payload[i] = payload[i]! ^ ((key >>> (24 - 8 * (i & 3))) & 0xff);
}
