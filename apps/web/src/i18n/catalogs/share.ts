import { defineCatalog } from '../catalog.js';

/** Screen sharing. */
export const share = defineCatalog(
  {
    'share.start': 'Share screen',
    'share.stop': 'Stop sharing',
    'share.unsupported': 'Screen sharing is not available in this browser',
    'share.failed': 'Could not share your screen.',
    'share.presenting': 'You are sharing your screen with everyone.',
    'share.tileLabel': "{name}'s screen",
    'share.started': '{name} is sharing their screen',
  },
  {
    'share.start': '화면 공유',
    'share.stop': '공유 중지',
    'share.unsupported': '이 브라우저에서는 화면을 공유할 수 없습니다',
    'share.failed': '화면을 공유하지 못했습니다.',
    'share.presenting': '모든 참가자에게 화면을 공유하고 있습니다.',
    'share.tileLabel': '{name} 님의 화면',
    'share.started': '{name} 님이 화면을 공유하고 있습니다',
  },
);
