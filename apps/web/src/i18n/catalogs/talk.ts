import { defineCatalog } from '../catalog.js';

/** Who is talking and the views that follow them: speaking indicator, grid and speaker views. */
export const talk = defineCatalog(
  {
    'talk.speaking': 'Speaking',
    'talk.view.label': 'Layout',
    'talk.view.grid': 'Grid view',
    'talk.view.speaker': 'Speaker view',
    'talk.view.toSpeaker': 'Switch to speaker view',
    'talk.view.toGrid': 'Switch to grid view',
  },
  {
    'talk.speaking': '말하는 중',
    'talk.view.label': '화면 배치',
    'talk.view.grid': '격자 보기',
    'talk.view.speaker': '발표자 보기',
    'talk.view.toSpeaker': '발표자 보기로 전환',
    'talk.view.toGrid': '격자 보기로 전환',
  },
);
