import { useIceCheck } from '../hooks/useIceCheck.js';
import type { CandidateKind, CheckStatus } from '../lib/ice-check.js';
import { useT } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import '../network.css';

const KIND_NAME: Record<CandidateKind, MessageKey> = {
  host: 'check.kind.host',
  srflx: 'check.kind.srflx',
  relay: 'check.kind.relay',
};

const STATUS_TEXT: Record<CheckStatus, MessageKey> = {
  works: 'check.status.works',
  failed: 'check.status.failed',
  'not-configured': 'check.status.notConfigured',
};

/**
 * `/check`: which kinds of ICE candidates this browser can gather with this server's STUN and
 * TURN servers, and what each result means for calls.
 */
export function ConnectivityCheck({ signalingUrl }: { signalingUrl: string }) {
  const t = useT();
  const { state, rerun } = useIceCheck(signalingUrl);
  return (
    <>
      <header className="page-header">
        <LanguageSwitch />
      </header>
      <main className="check">
        <h1 className="brand">{t('check.title')}</h1>
        <p className="tagline">{t('check.intro')}</p>
        {state.status === 'running' && (
          <p className="status" role="status">
            {t('check.running')}
          </p>
        )}
        {state.status === 'unreachable' && (
          <p className="error" role="alert">
            {t('check.unreachable', { reason: state.message })}
          </p>
        )}
        {state.status === 'done' && (
          <ul className="check-list">
            {state.results.map((result) => (
              <li key={result.kind} className="check-item" data-testid={`check-${result.kind}`} data-status={result.status}>
                <h2>
                  <span>{t(KIND_NAME[result.kind])}</span>
                  <span className="check-status" data-status={result.status}>
                    {t(STATUS_TEXT[result.status])}
                  </span>
                </h2>
                {result.explanation && <p>{t(result.explanation)}</p>}
              </li>
            ))}
          </ul>
        )}
        <div className="check-actions">
          <button type="button" className="pill" onClick={rerun} disabled={state.status === 'running'}>
            {t('check.again')}
          </button>
          <a href="/">{t('check.back')}</a>
        </div>
      </main>
    </>
  );
}
