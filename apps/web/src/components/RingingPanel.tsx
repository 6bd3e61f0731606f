/** While the other side rings: who, and Cancel. */
export function RingingPanel({ name, onCancel }: { name: string; onCancel: () => void }) {
  return (
    <div className="call-panel" role="dialog" aria-label={`Calling ${name}`}>
      <span className="spinner" aria-hidden="true" />
      <p role="status">Ringing {name}…</p>
      <button type="button" className="pill danger" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
