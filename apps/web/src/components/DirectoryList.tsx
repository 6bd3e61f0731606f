import type { DirectoryPeer } from '@confab/client';
import { useCopyLink } from '../hooks/useCopyLink.js';
import { callLink } from '../lib/call-route.js';

export interface DirectoryListProps {
  self: DirectoryPeer;
  /** Everyone else online. */
  peers: readonly DirectoryPeer[];
  /** You are calling or in a call: no new call until it ends. */
  busy: boolean;
  onCall: (peer: DirectoryPeer) => void;
  onGoOffline: () => void;
}

/** Who is online, live, with a Call button each; and your own link for others to call you. */
export function DirectoryList({ self, peers, busy, onCall, onGoOffline }: DirectoryListProps) {
  const link = callLink(location.origin, self.name);
  const { copy, result } = useCopyLink(link);
  return (
    <div className="directory">
      <p className="directory-self">
        You are online as <strong>{self.name}</strong>
      </p>
      <h2 className="directory-heading">Online now</h2>
      {peers.length === 0 ? (
        <p className="status" role="status">
          Nobody else is online yet. Share your call link.
        </p>
      ) : (
        <ul className="directory-list" aria-label="People online">
          {peers.map((peer) => (
            <li key={peer.id} className="directory-peer" data-testid="directory-peer" data-peer-name={peer.name} data-busy={peer.busy ? 'true' : 'false'}>
              <span className="directory-name">{peer.name}</span>
              {peer.busy && <span className="badge">Busy</span>}
              <button type="button" className="pill primary" disabled={busy} onClick={() => onCall(peer)}>
                Call {peer.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="directory-actions">
        <button type="button" className="pill" onClick={copy}>
          Copy my call link
        </button>
        <button type="button" className="pill" onClick={onGoOffline} disabled={busy}>
          Go offline
        </button>
      </div>
      {result !== 'idle' && (
        <p className="hint" role="status">
          {result === 'copied' ? `Link copied: ${link}` : `Copy this link: ${link}`}
        </p>
      )}
    </div>
  );
}
