import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing, expectPictureStill } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { muteMicrophone, mutedBadge, remoteTile, turnCameraOff, turnCameraOn, uniqueRoom, unmuteMicrophone } from './harness/ui.js';

/** The call controls, as the other side sees them. */

/** Time for a media-state change to reach the other side and show. */
const MEDIA_STATE_TIMEOUT_MS = 5_000;

const browser = useBrowser();

describe('call controls', () => {
  const { stage } = useServerAndStage(browser);

  test('turning the microphone off shows the Muted badge on that person\'s tile for the others', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('mute'));
    expect(await mutedBadge(bob.page, 'ann').count()).toBe(0);

    await muteMicrophone(ann.page);
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'visible', timeout: MEDIA_STATE_TIMEOUT_MS });

    await unmuteMicrophone(ann.page);
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'detached', timeout: MEDIA_STATE_TIMEOUT_MS });
    // Muting the microphone leaves the video alone.
    await expectFramesAdvancing(bob.page, 'ann');
  });

  test('turning the camera off shows "Camera off" to the others, and turning it on brings the picture back', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('camera'));
    const annOnBob = remoteTile.in(bob.page, 'ann');

    await turnCameraOff(ann.page);
    await annOnBob.getByText('Camera off').waitFor({ state: 'visible', timeout: MEDIA_STATE_TIMEOUT_MS });
    // The track is disabled, not removed: frames may still come, but the picture stops changing.
    await expectPictureStill(bob.page, 'ann', MEDIA_STATE_TIMEOUT_MS);

    await turnCameraOn(ann.page);
    await annOnBob.getByText('Camera off').waitFor({ state: 'detached', timeout: MEDIA_STATE_TIMEOUT_MS });
    await expectFramesAdvancing(bob.page, 'ann');
  });
});
