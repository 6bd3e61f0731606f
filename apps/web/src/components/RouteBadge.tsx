import type { PeerRoute } from '@confab/client';
import { useT } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/messages.js';
import '../network.css';

const LABEL: Record<Exclude<PeerRoute, 'unknown'>, MessageKey> = { direct: 'room.route.direct', relayed: 'room.route.relayed' };
const TITLE: Record<Exclude<PeerRoute, 'unknown'>, MessageKey> = {
  direct: 'room.route.directTitle',
  relayed: 'room.route.relayedTitle',
};

/** How you are connected to someone, from the selected ICE candidate pair. Nothing until it is known. */
export function RouteBadge({ route }: { route: PeerRoute }) {
  const t = useT();
  if (route === 'unknown') return null;
  return (
    <span className="route-badge" data-testid="route-badge" data-route={route} title={t(TITLE[route])}>
      {t(LABEL[route])}
    </span>
  );
}
