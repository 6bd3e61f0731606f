import type { PeerRoute } from '@confab/client';
import '../network.css';

const LABEL: Record<Exclude<PeerRoute, 'unknown'>, string> = { direct: 'Direct', relayed: 'Relayed (TURN)' };
const TITLE: Record<Exclude<PeerRoute, 'unknown'>, string> = {
  direct: 'Your media goes straight to this person, peer to peer.',
  relayed: 'Your media goes through the TURN relay server: no direct path was possible, or one of you chose relay only.',
};

/** How you are connected to someone, from the selected ICE candidate pair. Nothing until it is known. */
export function RouteBadge({ route }: { route: PeerRoute }) {
  if (route === 'unknown') return null;
  return (
    <span className="route-badge" data-testid="route-badge" data-route={route} title={TITLE[route]}>
      {LABEL[route]}
    </span>
  );
}
