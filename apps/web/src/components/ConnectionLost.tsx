/** The server went away (or was never reachable). Reloading starts a fresh connection and lobby. */
export function ConnectionLost({ neverConnected = false }: { neverConnected?: boolean }) {
  return (
    <div className="notice" role="status">
      <p>{neverConnected ? 'Cannot reach the server' : 'Connection to the server lost'}</p>
      <button type="button" className="pill primary" onClick={() => location.reload()}>
        Reconnect
      </button>
    </div>
  );
}
