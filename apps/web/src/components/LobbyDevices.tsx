import { swapStreamTrack, type TrackTarget } from '@confab/client';
import { useMemo } from 'react';
import { useDeviceSwitcher } from '../hooks/useDeviceSwitcher.js';
import type { LocalMediaState } from '../lib/local-media.js';
import { DeviceNoticeToast } from './DeviceNoticeToast.js';
import { DevicePickers } from './DevicePickers.js';

/**
 * The lobby's device choice, under the preview: switching swaps the track inside the preview
 * stream, which is the stream the call then sends, so the choice carries into the call.
 */
export function LobbyDevices({ state }: { state: LocalMediaState }) {
  const stream = state.status === 'ready' ? state.stream : null;
  const target = useMemo<TrackTarget | null>(
    () =>
      stream && {
        stream,
        replace: async (track) => swapStreamTrack(stream, track)?.stop(),
      },
    [stream],
  );
  const control = useDeviceSwitcher(target);
  if (!stream) return null;
  return (
    <>
      <DevicePickers control={control} />
      <DeviceNoticeToast notice={control.notice} onDismiss={control.dismiss} />
    </>
  );
}
