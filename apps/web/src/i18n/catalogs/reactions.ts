import { defineCatalog } from '../catalog.js';

/** Reactions and raised hands. */
export const reactions = defineCatalog(
  {
    'reactions.open': 'Reactions',
    'reactions.menu': 'Send a reaction',
    'reactions.thumbsUp': 'Thumbs up',
    'reactions.clap': 'Applause',
    'reactions.laugh': 'Laughing',
    'reactions.heart': 'Love',
    'reactions.party': 'Celebrate',
    'reactions.surprised': 'Surprised',
    'reactions.reacted': '{name} reacted {emoji}',
    'reactions.raiseHand': 'Raise hand',
    'reactions.lowerHand': 'Lower hand',
    'reactions.handRaised': 'Hand raised, number {position} in line',
    'reactions.hands': 'Raised hands',
    'reactions.handsCount': '{count} raised',
    'reactions.you': '{name} (you)',
  },
  {
    'reactions.open': '반응',
    'reactions.menu': '반응 보내기',
    'reactions.thumbsUp': '좋아요',
    'reactions.clap': '박수',
    'reactions.laugh': '웃음',
    'reactions.heart': '사랑',
    'reactions.party': '축하',
    'reactions.surprised': '놀람',
    'reactions.reacted': '{name} 님의 반응 {emoji}',
    'reactions.raiseHand': '손 들기',
    'reactions.lowerHand': '손 내리기',
    'reactions.handRaised': '손 듦, {position}번째 차례',
    'reactions.hands': '손 든 사람',
    'reactions.handsCount': '{count}명이 손을 들었습니다',
    'reactions.you': '{name} (나)',
  },
);
