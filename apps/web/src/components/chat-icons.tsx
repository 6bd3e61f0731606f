/** Icons of the chat panel and file transfers. Decorative: each button carries its own label. */

function Icon({ d }: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const CHAT = 'M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v9a1.5 1.5 0 0 1-1.5 1.5H10l-4 4v-4h-.5A1.5 1.5 0 0 1 4 14.5z';
const PAPERCLIP = 'M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8';
const CLOSE = 'M6 6l12 12M18 6L6 18';

export const ChatIcon = () => <Icon d={CHAT} />;
export const PaperclipIcon = () => <Icon d={PAPERCLIP} />;
export const CloseIcon = () => <Icon d={CLOSE} />;
