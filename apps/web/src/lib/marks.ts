/**
 * Performance marks the join benchmark reads (bench/join.ts): from the click on Join to the first
 * remote video frame on screen. Each Join click starts a fresh pair.
 */
export const JOIN_CLICK_MARK = 'confab:join-click';
export const FIRST_REMOTE_FRAME_MARK = 'confab:first-remote-frame';

let firstFrameMarked = false;

export function markJoinClick(): void {
  performance.clearMarks(JOIN_CLICK_MARK);
  performance.clearMarks(FIRST_REMOTE_FRAME_MARK);
  firstFrameMarked = false;
  performance.mark(JOIN_CLICK_MARK);
}

/** Marks the first remote frame after the last Join click; later frames are ignored. */
export function markFirstRemoteFrame(): void {
  if (firstFrameMarked) return;
  firstFrameMarked = true;
  performance.mark(FIRST_REMOTE_FRAME_MARK);
}
