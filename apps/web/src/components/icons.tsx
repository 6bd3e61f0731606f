/** Small line icons for the toolbar. Decorative: each button carries its own aria-label. */

interface IconProps {
  /** SVG path data, drawn with a 2px stroke on a 24px grid. */
  d: string;
}

function Icon({ d }: IconProps) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const MIC = 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM19 11a7 7 0 0 1-14 0M12 18v3';
const MIC_OFF = `${MIC}M4 4l16 16`;
const CAMERA = 'M3 7.5A1.5 1.5 0 0 1 4.5 6h10A1.5 1.5 0 0 1 16 7.5v9a1.5 1.5 0 0 1-1.5 1.5h-10A1.5 1.5 0 0 1 3 16.5zM16 10.5l5-3v9l-5-3';
const CAMERA_OFF = `${CAMERA}M3 3l18 18`;
const LINK = 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1';
const KEYBOARD = 'M4 6h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1zM7 10h.01M11 10h.01M15 10h.01M17 10h.01M7 14h10';
const LEAVE = 'M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l-5-5 5-5M5 12h11';

export const MicIcon = () => <Icon d={MIC} />;
export const MicOffIcon = () => <Icon d={MIC_OFF} />;
export const CameraIcon = () => <Icon d={CAMERA} />;
export const CameraOffIcon = () => <Icon d={CAMERA_OFF} />;
export const LinkIcon = () => <Icon d={LINK} />;
export const LeaveIcon = () => <Icon d={LEAVE} />;
export const KeyboardIcon = () => <Icon d={KEYBOARD} />;
