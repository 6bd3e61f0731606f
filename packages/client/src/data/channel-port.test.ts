import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeChannelPair } from '../../test/fake-data-channel.js';
import { ChannelPort } from './channel-port.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const OPTIONS = { lowWaterMark: 100, highWaterMark: 1000, maxQueuedBytes: 5000 };

function pair() {
  const [a, b] = fakeChannelPair('test', 0, { auto: false });
  const port = new ChannelPort(a as unknown as RTCDataChannel, OPTIONS);
  const received: (string | ArrayBuffer)[] = [];
  b.addEventListener('message', (event) => received.push(event.data as string));
  return { a, b, port, received };
}

describe('ChannelPort', () => {
  it('sets binaryType and the low-water threshold on the channel', () => {
    const { a } = pair();
    expect(a.binaryType).toBe('arraybuffer');
    expect(a.bufferedAmountLowThreshold).toBe(100);
  });

  it('holds frames sent before the channel opens and sends them, in order, when it does', () => {
    const { a, port, received } = pair();
    expect(port.send('one')).toBe(true);
    expect(port.send('two')).toBe(true);
    expect(port.state).toBe('connecting');
    expect(port.bufferedAmount).toBe(6);
    a.open();
    a.deliver();
    expect(received).toEqual(['one', 'two']);
  });

  it('queues past the high-water mark instead of overfilling the channel, and sends on bufferedamountlow', () => {
    const { a, port, received } = pair();
    a.open();
    for (let i = 0; i < 30; i++) port.send('x'.repeat(100));
    expect(a.bufferedAmount).toBeLessThanOrEqual(1000);
    expect(port.bufferedAmount).toBe(3000);
    while (a.outbox.length > 0) a.deliver(100);
    expect(received).toHaveLength(30);
  });

  it('drops with a warning when its queue is full', () => {
    const { port } = pair();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(port.send('x'.repeat(5000))).toBe(true);
    expect(port.send('y')).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('drained() waits for the open channel to go down to the low-water mark', async () => {
    const { a, port } = pair();
    let drained = false;
    void port.drained().then(() => (drained = true));
    a.open();
    await Promise.resolve();
    expect(drained).toBe(true);
    port.send('x'.repeat(500));
    let second = false;
    void port.drained().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    a.deliver();
    await Promise.resolve();
    expect(second).toBe(true);
  });

  it('closing rejects drained() waiters, drops the queue, and further sends return false', async () => {
    const { a, port } = pair();
    const waiting = port.drained();
    port.send('queued');
    const onClose = vi.fn();
    port.on('close', onClose);
    a.close();
    await expect(waiting).rejects.toThrow('closed');
    expect(onClose).toHaveBeenCalledOnce();
    expect(port.state).toBe('closed');
    expect(port.bufferedAmount).toBe(0);
    expect(port.send('late')).toBe(false);
    expect(a.listenerCount()).toBe(0);
  });

  it('a send the browser refuses is reported, not thrown', () => {
    const { a, port } = pair();
    a.open();
    vi.spyOn(a, 'send').mockImplementation(() => {
      throw new DOMException('queue full', 'OperationError');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(port.send('x')).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
  });
});
