import { useT } from '../i18n/i18n-context.js';
import type { ViewMode } from '../lib/layout.js';
import { GridIcon, SpeakerIcon } from './talk-icons.js';

/** Switches the stage between the grid and the speaker view. */
export function ViewToggle({ view, onChange }: { view: ViewMode; onChange: (view: ViewMode) => void }) {
  const t = useT();
  const next: ViewMode = view === 'grid' ? 'speaker' : 'grid';
  const label = t(view === 'grid' ? 'talk.view.toSpeaker' : 'talk.view.toGrid');
  return (
    <button
      type="button"
      className="round"
      data-testid="view-toggle"
      data-view={view}
      aria-label={label}
      title={label}
      onClick={() => onChange(next)}
    >
      {view === 'grid' ? <SpeakerIcon /> : <GridIcon />}
    </button>
  );
}
