import { defineCatalog } from '../catalog.js';

/** The connectivity check at `/check`. */
export const check = defineCatalog(
  {
    'check.title': 'Connection check',
    'check.intro': 'Which ways your browser can reach others through this Confab server. Nothing is sent to anyone.',
    'check.running': 'Checking… (this takes up to 15 seconds)',
    'check.unreachable': 'The Confab server could not be reached, so nothing could be checked. ({reason})',
    'check.again': 'Check again',
    'check.back': 'Back to the lobby',
    'check.kind.host': 'Your own network (host)',
    'check.kind.srflx': 'Your public address, via STUN (srflx)',
    'check.kind.relay': 'The relay, via TURN (relay)',
    'check.status.works': 'Works',
    'check.status.failed': 'Failed',
    'check.status.notConfigured': 'Not configured',
    'check.explain.hostWorks':
      'Your browser can offer its own network addresses: calls with people on the same network connect directly.',
    'check.explain.hostFailed':
      'Your browser offered no network address at all. WebRTC may be turned off by a browser setting, an extension or a company policy; no call can work until it is allowed.',
    'check.explain.srflxWorks':
      'The STUN server told your browser its public address, so calls across the internet can usually connect directly.',
    'check.explain.srflxNotConfigured':
      'This server has no STUN server, so your browser cannot learn its public address. People on other networks can only reach you through the relay, if there is one.',
    'check.explain.srflxFailed':
      'The STUN server did not tell your browser its public address. Either a firewall blocks UDP (then calls across the internet need the relay), or your device has a public address of its own (then all is well).',
    'check.explain.relayWorks':
      'The TURN relay works: even when your network blocks direct connections, calls can go through the relay.',
    'check.explain.relayNotConfigured':
      'This server has no TURN relay. Calls between people behind strict firewalls, company networks or some mobile networks may fail.',
    'check.explain.relayRefused':
      "The relay refused to let your browser in: its sign-in was rejected. This is a server problem, not yours: whoever runs this Confab server should check that TURN_SECRET matches the relay's secret and that the clocks are right.",
    'check.explain.relayUnreachable':
      "The relay could not be reached. A firewall on your network (or the server's) may block it, or it is down. Calls with people whose networks block direct connections will fail.",
    'check.explain.relayNoAddress':
      "No relay address came back. A firewall on your network (or the server's) may block it, or it is down. Calls with people whose networks block direct connections will fail.",
  },
  {
    'check.title': '연결 점검',
    'check.intro': '이 Confab 서버를 통해 내 브라우저가 다른 사람에게 닿을 수 있는 경로를 확인합니다. 누구에게도 아무것도 보내지 않습니다.',
    'check.running': '점검하는 중… (최대 15초 걸립니다)',
    'check.unreachable': 'Confab 서버에 연결할 수 없어 아무것도 점검하지 못했습니다. ({reason})',
    'check.again': '다시 점검',
    'check.back': '로비로 돌아가기',
    'check.kind.host': '내 네트워크 (host)',
    'check.kind.srflx': 'STUN으로 알아낸 내 공인 주소 (srflx)',
    'check.kind.relay': 'TURN 릴레이 (relay)',
    'check.status.works': '정상',
    'check.status.failed': '실패',
    'check.status.notConfigured': '설정 안 됨',
    'check.explain.hostWorks':
      '브라우저가 자기 네트워크 주소를 제공할 수 있습니다: 같은 네트워크에 있는 사람과는 직접 연결됩니다.',
    'check.explain.hostFailed':
      '브라우저가 네트워크 주소를 하나도 제공하지 않았습니다. 브라우저 설정, 확장 프로그램 또는 회사 정책으로 WebRTC가 꺼져 있을 수 있으며, 허용되기 전에는 어떤 통화도 되지 않습니다.',
    'check.explain.srflxWorks':
      'STUN 서버가 브라우저에 공인 주소를 알려 주었으므로, 인터넷 너머의 통화도 대개 직접 연결됩니다.',
    'check.explain.srflxNotConfigured':
      '이 서버에는 STUN 서버가 없어 브라우저가 공인 주소를 알 수 없습니다. 다른 네트워크의 사람은 릴레이가 있을 때만 릴레이를 통해 연결할 수 있습니다.',
    'check.explain.srflxFailed':
      'STUN 서버가 브라우저에 공인 주소를 알려 주지 않았습니다. 방화벽이 UDP를 막고 있거나(이 경우 인터넷 너머의 통화에는 릴레이가 필요합니다), 기기에 자체 공인 주소가 있는 경우입니다(이 경우 문제없습니다).',
    'check.explain.relayWorks':
      'TURN 릴레이가 동작합니다: 네트워크가 직접 연결을 막아도 릴레이를 통해 통화할 수 있습니다.',
    'check.explain.relayNotConfigured':
      '이 서버에는 TURN 릴레이가 없습니다. 엄격한 방화벽, 회사 네트워크 또는 일부 모바일 네트워크 뒤에 있는 사람과의 통화는 실패할 수 있습니다.',
    'check.explain.relayRefused':
      '릴레이가 브라우저의 접속을 거부했습니다: 로그인이 거절되었습니다. 내 문제가 아니라 서버 문제입니다: 이 Confab 서버 운영자가 TURN_SECRET이 릴레이의 비밀 값과 같은지, 시계가 맞는지 확인해야 합니다.',
    'check.explain.relayUnreachable':
      '릴레이에 연결할 수 없습니다. 내 네트워크(또는 서버)의 방화벽이 막고 있거나 릴레이가 꺼져 있습니다. 직접 연결을 막는 네트워크에 있는 사람과의 통화는 실패합니다.',
    'check.explain.relayNoAddress':
      '릴레이 주소를 받지 못했습니다. 내 네트워크(또는 서버)의 방화벽이 막고 있거나 릴레이가 꺼져 있습니다. 직접 연결을 막는 네트워크에 있는 사람과의 통화는 실패합니다.',
  },
);
