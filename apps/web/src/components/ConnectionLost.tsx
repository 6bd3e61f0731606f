import { useT } from '../i18n/i18n-context.js';
/** The server went away (or was never reachable). Reloading starts a fresh connection and lobby. */
export function ConnectionLost({ neverConnected = false }: { neverConnected?: boolean }) {
  const t = useT();
  return (
    <div className="notice" role="status">
      <p>{neverConnected ? t('lobby.serverUnreachable') : t('lobby.serverLost')}</p>
      <button type="button" className="pill primary" onClick={() => location.reload()}>
        {t('lobby.reconnect')}
      </button>
    </div>
  );
}
