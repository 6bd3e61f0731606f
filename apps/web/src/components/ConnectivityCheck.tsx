import { useIceCheck } from '../hooks/useIceCheck.js';
import type { CandidateKind, CheckStatus } from '../lib/ice-check.js';
import '../network.css';

const KIND_NAME: Record<CandidateKind, string> = {
  host: 'Your own network (host)',
  srflx: 'Your public address, via STUN (srflx)',
  relay: 'The relay, via TURN (relay)',
};

const STATUS_TEXT: Record<CheckStatus, string> = { works: 'Works', failed: 'Failed', 'not-configured': 'Not configured' };

/**
 * `/check`: which kinds of ICE candidates this browser can gather with this server's STUN and
 * TURN servers, and what each result means for calls.
 */
export function ConnectivityCheck({ signalingUrl }: { signalingUrl: string }) {
  const { state, rerun } = useIceCheck(signalingUrl);
  return (
    <main className="check">
      <h1 className="brand">Connection check</h1>
      <p className="tagline">
        Which ways your browser can reach others through this Confab server. Nothing is sent to anyone.
      </p>
      {state.status === 'running' && (
        <p className="status" role="status">
          Checking… (this takes up to 15 seconds)
        </p>
      )}
      {state.status === 'unreachable' && (
        <p className="error" role="alert">
          The Confab server could not be reached, so nothing could be checked. ({state.message})
        </p>
      )}
      {state.status === 'done' && (
        <ul className="check-list">
          {state.results.map((result) => (
            <li key={result.kind} className="check-item" data-testid={`check-${result.kind}`} data-status={result.status}>
              <h2>
                <span>{KIND_NAME[result.kind]}</span>
                <span className="check-status" data-status={result.status}>
                  {STATUS_TEXT[result.status]}
                </span>
              </h2>
              <p>{result.explanation}</p>
            </li>
          ))}
        </ul>
      )}
      <div className="check-actions">
        <button type="button" className="pill" onClick={rerun} disabled={state.status === 'running'}>
          Check again
        </button>
        <a href="/">Back to the lobby</a>
      </div>
    </main>
  );
}
