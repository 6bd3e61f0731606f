import type { DirectoryPeer } from '@confab/client';
import { useCopyLink } from '../hooks/useCopyLink.js';
import { callLink } from '../lib/call-route.js';
import { useT } from '../i18n/i18n-context.js';

/** Stands for the name while the sentence is split around it. */
const NAME_MARK = '\u0000';

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
  const t = useT();
  const link = callLink(location.origin, self.name);
  // The name is bold wherever the language puts it in the sentence.
  const [selfBefore, selfAfter] = t('calls.onlineAs', { name: NAME_MARK }).split(NAME_MARK);
  const { copy, result } = useCopyLink(link);
  return (
    <div className="directory">
      <p className="directory-self">
        {selfBefore}
        <strong>{self.name}</strong>
        {selfAfter}
      </p>
      <h2 className="directory-heading">{t('calls.onlineNow')}</h2>
      {peers.length === 0 ? (
        <p className="status" role="status">
          {t('calls.nobodyOnline')}
        </p>
      ) : (
        <ul className="directory-list" aria-label={t('calls.peopleOnline')}>
          {peers.map((peer) => (
            <li key={peer.id} className="directory-peer" data-testid="directory-peer" data-peer-name={peer.name} data-busy={peer.busy ? 'true' : 'false'}>
              <span className="directory-name">{peer.name}</span>
              {peer.busy && <span className="badge">{t('calls.busy')}</span>}
              <button type="button" className="pill primary" disabled={busy} onClick={() => onCall(peer)}>
                {t('calls.call', { name: peer.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="directory-actions">
        <button type="button" className="pill" onClick={copy}>
          {t('calls.copyMyLink')}
        </button>
        <button type="button" className="pill" onClick={onGoOffline} disabled={busy}>
          {t('calls.goOffline')}
        </button>
      </div>
      {result !== 'idle' && (
        <p className="hint" role="status">
          {t(result === 'copied' ? 'calls.linkCopied' : 'calls.copyThisLink', { link })}
        </p>
      )}
    </div>
  );
}
