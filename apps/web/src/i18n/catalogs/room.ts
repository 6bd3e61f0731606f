import { defineCatalog } from '../catalog.js';

/** The call: its header, tiles, invite and notices. */
export const room = defineCatalog(
  {
    'room.documentTitle': '{room} · Confab',
    'room.reconnecting': 'Reconnecting…',
    'room.waiting': 'Waiting for others to join…',
    'room.people': '{count} people in the call',
    'room.invite': 'Share this link to invite people:',
    'room.linkCopied': 'Link copied',
    'room.copyThisLink': 'Copy this link: {link}',
    'room.you': '{name} (you)',
    'room.cameraOff': 'Camera off',
    'room.muted': 'Muted',
    'room.couldNotConnect': 'Could not connect',
    'room.connecting': 'Connecting…',
    'room.tapToUnmute': 'Tap to unmute',
    'room.route.direct': 'Direct',
    'room.route.relayed': 'Relayed (TURN)',
    'room.route.directTitle': 'Your media goes straight to this person, peer to peer.',
    'room.route.relayedTitle':
      'Your media goes through the TURN relay server: no direct path was possible, or one of you chose relay only.',
  },
  {
    'room.documentTitle': '{room} · Confab',
    'room.reconnecting': '다시 연결하는 중…',
    'room.waiting': '다른 사람이 들어오기를 기다리는 중…',
    'room.people': '통화 참여자 {count}명',
    'room.invite': '이 링크를 공유해 사람들을 초대하세요:',
    'room.linkCopied': '링크를 복사했습니다',
    'room.copyThisLink': '이 링크를 복사하세요: {link}',
    'room.you': '{name} (나)',
    'room.cameraOff': '카메라 꺼짐',
    'room.muted': '음소거됨',
    'room.couldNotConnect': '연결하지 못했습니다',
    'room.connecting': '연결하는 중…',
    'room.tapToUnmute': '눌러서 소리 켜기',
    'room.route.direct': '직접 연결',
    'room.route.relayed': '릴레이 (TURN)',
    'room.route.directTitle': '내 미디어가 이 사람에게 P2P로 곧장 전달됩니다.',
    'room.route.relayedTitle':
      '내 미디어가 TURN 릴레이 서버를 거칩니다: 직접 연결할 경로가 없었거나, 한쪽이 릴레이만 사용하도록 설정했습니다.',
  },
);
