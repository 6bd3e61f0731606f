import { defineCatalog } from '../catalog.js';

/** The chat panel and its toggle. */
export const chat = defineCatalog(
  {
    'chat.title': 'Chat',
    'chat.close': 'Close chat',
    'chat.note': 'Messages sent before you joined are not available.',
    'chat.messages': 'Messages',
    'chat.message': 'Message',
    'chat.placeholder': 'Message everyone',
    'chat.send': 'Send',
    'chat.you': '{name} (you)',
    'chat.unread': '{count} unread',
    'chat.unreadSuffix': ' unread',
    'chat.sendFailed': 'The message could not be sent: {reason}',
  },
  {
    'chat.title': '채팅',
    'chat.close': '채팅 닫기',
    'chat.note': '참여하기 전에 보낸 메시지는 볼 수 없습니다.',
    'chat.messages': '메시지',
    'chat.message': '메시지',
    'chat.placeholder': '모두에게 메시지 보내기',
    'chat.send': '보내기',
    'chat.you': '{name} (나)',
    'chat.unread': '읽지 않은 메시지 {count}개',
    'chat.unreadSuffix': '개 읽지 않음',
    'chat.sendFailed': '메시지를 보내지 못했습니다: {reason}',
  },
);
