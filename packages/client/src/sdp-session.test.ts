import { describe, expect, it } from 'vitest';
import { RemoteSessions, sdpSessionId } from './sdp-session.js';

const sdp = (session: string) => `v=0\r\no=- ${session} 2 IN IP4 127.0.0.1\r\ns=-\r\n`;
const offer = (session: string): RTCSessionDescriptionInit => ({ type: 'offer', sdp: sdp(session) });
const answer = (session: string): RTCSessionDescriptionInit => ({ type: 'answer', sdp: sdp(session) });

describe('sdpSessionId', () => {
  it("reads the session id from the o= line, and nothing from a description without one", () => {
    expect(sdpSessionId(sdp('4611731400430051336'))).toBe('4611731400430051336');
    expect(sdpSessionId('v=0\r\n')).toBeUndefined();
    expect(sdpSessionId(undefined)).toBeUndefined();
  });
});

describe('RemoteSessions', () => {
  it('takes the first description as the current connection, and keeps it for later ones', () => {
    const sessions = new RemoteSessions();
    expect(sessions.classify(offer('1'))).toBe('current');
    expect(sessions.classify(offer('1'))).toBe('current');
    expect(sessions.id).toBe('1');
    expect(sessions.stale).toEqual(['1']);
  });

  it("an offer from another connection means the other side replaced its end; an answer from one does not", () => {
    const sessions = new RemoteSessions();
    sessions.classify(offer('1'));
    expect(sessions.classify(offer('2'))).toBe('replaced');
    expect(sessions.classify(answer('2'))).toBe('current');
    expect(sessions.id).toBe('1');
  });

  it("drops the descriptions of the other side's old connections, and lists them as stale before the current one", () => {
    const sessions = new RemoteSessions(['old']);
    expect(sessions.classify(offer('old'))).toBe('ignore');
    expect(sessions.id).toBeUndefined();
    sessions.classify(offer('new'));
    expect(sessions.stale).toEqual(['old', 'new']);
  });

  it('lets a description without a session id through without taking it as the current connection', () => {
    const sessions = new RemoteSessions();
    expect(sessions.classify({ type: 'offer', sdp: 'v=0\r\n' })).toBe('current');
    expect(sessions.id).toBeUndefined();
  });
});
