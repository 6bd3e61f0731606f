import { ConnectionProvider } from '../hooks/connection-context.js';
import { useCloseOnPageHide } from '../hooks/useCloseOnPageHide.js';
import { useDirectCalls } from '../hooks/useDirectCalls.js';
import { useServerConnection } from '../hooks/useServerConnection.js';
import { useConnectionState } from '../hooks/useConnectionState.js';
import type { Connection } from '../hooks/connection-context.js';
import { CallRoom } from './CallRoom.js';
import { ConnectionLost } from './ConnectionLost.js';
import { DirectoryList } from './DirectoryList.js';
import { GoOnlineForm } from './GoOnlineForm.js';
import { IncomingCallPanel } from './IncomingCallPanel.js';
import { RingingPanel } from './RingingPanel.js';
import '../calls.css';
import { useT } from '../i18n/i18n-context.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export interface DirectCallsPageProps {
  signalingUrl: string;
  /** Whom to ring once online, from `/call/<name>`. */
  target: string | null;
}

/** `/call` and `/call/<name>`: go online, see who else is, and call them by name. */
export function DirectCallsPage({ signalingUrl, target }: DirectCallsPageProps) {
  const connection = useServerConnection(signalingUrl, true);
  useCloseOnPageHide(connection);
  if (!connection) return null;
  return (
    <ConnectionProvider connection={connection}>
      <DirectCalls connection={connection} target={target} />
    </ConnectionProvider>
  );
}

function DirectCalls({ connection, target }: { connection: Connection; target: string | null }) {
  const t = useT();
  const { calls, state } = useDirectCalls(connection);
  const connectionState = useConnectionState();
  if (!calls) return null;
  const { call } = state;
  const lost = connectionState.status === 'lost' || connectionState.status === 'unreachable';

  if (call?.state === 'active' && call.room) {
    return <CallRoom room={call.room} stream={call.stream} peerName={call.peerName} onHangUp={() => calls.hangup()} />;
  }

  const ringingName = state.calling ?? (call?.state === 'ringing' ? call.peerName : null);
  const message = state.error ?? state.notice;
  return (
    <>
      <header className="page-header">
        <LanguageSwitch />
      </header>
      <main className="calls">
        <section className="calls-card">
          <h1 className="brand">Confab</h1>
          {state.phase === 'online' && state.self ? (
            <DirectoryList self={state.self} peers={state.peers} busy={call !== null || ringingName !== null} onCall={(peer) => void calls.call(peer)} onGoOffline={() => calls.goOffline()} />
          ) : (
            <GoOnlineForm
              target={target}
              pending={state.phase === 'going-online'}
              disabled={lost}
              onGoOnline={(name) => void calls.goOnline(name, target)}
            />
          )}
          {message && (
            <p className={state.error ? 'error' : 'call-notice'} role={state.error ? 'alert' : 'status'}>
              {t(message.key, message.params)}
            </p>
          )}
          <p className="calls-links">
            <a href="/">{t('calls.joinRoomInstead')}</a>
          </p>
        </section>
        {ringingName !== null && <RingingPanel name={ringingName} onCancel={() => calls.hangup()} />}
        {call?.state === 'incoming' && (
          <IncomingCallPanel name={call.peerName} answering={call.answering} onAccept={() => void calls.accept()} onDecline={() => calls.hangup()} />
        )}
        {call?.state === 'active' && !call.room && (
          <div className="call-panel" role="status">
            <span className="spinner" aria-hidden="true" />
            <p>{t('calls.connectingTo', { name: call.peerName })}</p>
          </div>
        )}
        {lost && <ConnectionLost neverConnected={connectionState.status === 'unreachable'} />}
      </main>
    </>
  );
}
