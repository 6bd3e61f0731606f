import { accessToken } from '../lib/access-token.js';
import { connect } from '@confab/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { configuredKinds, gatherCandidates, summarize, type KindResult } from '../lib/ice-check.js';

export type IceCheckState =
  | { status: 'running' }
  | { status: 'done'; results: KindResult[] }
  /** The signaling server could not be reached, so there are no ICE servers to test. */
  | { status: 'unreachable'; message: string };

/**
 * Runs the connectivity check: a fresh connection to the server for a `welcome` (whose ICE
 * servers carry fresh TURN credentials), closed at once, then candidate gathering with them.
 */
export function useIceCheck(signalingUrl: string): { state: IceCheckState; rerun: () => void } {
  const [state, setState] = useState<IceCheckState>({ status: 'running' });
  const [run, setRun] = useState(0);
  const current = useRef(0);

  useEffect(() => {
    const id = ++current.current;
    const live = () => current.current === id;
    setState({ status: 'running' });
    void (async () => {
      let iceServers: RTCIceServer[];
      try {
        const token = accessToken();
        const client = await connect(signalingUrl, token ? { token } : {});
        iceServers = client.iceServers;
        client.close();
      } catch (err) {
        if (live()) setState({ status: 'unreachable', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      const gathered = await gatherCandidates(iceServers).catch(() => ({ counts: { host: 0, srflx: 0, relay: 0 }, errors: [] }));
      if (live()) setState({ status: 'done', results: summarize(gathered, configuredKinds(iceServers)) });
    })();
    return () => {
      current.current++;
    };
  }, [signalingUrl, run]);

  const rerun = useCallback(() => setRun((n) => n + 1), []);
  return { state, rerun };
}
