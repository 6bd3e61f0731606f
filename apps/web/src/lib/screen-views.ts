/** One shared screen, for rendering. */
export interface ScreenView {
  readonly peerId: string;
  readonly name: string;
  readonly stream: MediaStream;
}

/**
 * The shared screens, newest first: several people may share at once (as in Jitsi Meet and
 * Google Meet), and the latest share takes the stage. Returns `previous` when nothing changed,
 * as `useSyncExternalStore` needs.
 */
export function orderScreens(
  screens: ReadonlyMap<string, MediaStream>,
  peers: ReadonlyMap<string, { readonly name: string }>,
  previous: readonly ScreenView[],
): readonly ScreenView[] {
  const known = previous.filter((view) => screens.get(view.peerId) === view.stream && peers.has(view.peerId));
  const fresh: ScreenView[] = [];
  for (const [peerId, stream] of screens) {
    if (known.some((view) => view.peerId === peerId)) continue;
    fresh.push({ peerId, name: peers.get(peerId)?.name ?? '', stream });
  }
  const next = [...fresh.reverse(), ...known].map((view) => {
    const name = peers.get(view.peerId)?.name ?? view.name;
    return name === view.name ? view : { ...view, name };
  });
  const same = next.length === previous.length && next.every((view, i) => view === previous[i]);
  return same ? previous : next;
}
