import { defineCatalog } from '../catalog.js';

/** Strings used across the app. */
export const common = defineCatalog(
  {
    'common.language': 'Language',
    'common.close': 'Close',
    'common.cancel': 'Cancel',
  },
  {
    'common.language': '언어',
    'common.close': '닫기',
    'common.cancel': '취소',
  },
);
