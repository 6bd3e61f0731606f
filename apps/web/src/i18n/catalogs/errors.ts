import { defineCatalog } from '../catalog.js';

/** Why something could not be done: joining, the camera and microphone, the name typed. */
export const errors = defineCatalog(
  {
    'errors.join.roomFull': 'This room is full. Try another room name, or try again when someone leaves.',
    'errors.join.invalidName': 'That name cannot be used. Use at most 32 characters, without special symbols.',
    'errors.join.invalidRoom': 'That room name cannot be used. Use letters, digits, "-" and "_" (up to 64).',
    'errors.join.alreadyInRoom': 'You are already in a room in this tab. Reload the page and try again.',
    'errors.join.passwordRequired': 'This room has a password. Enter it under "Room password" and join again.',
    'errors.join.wrongPassword': 'That password is not right for this room.',
    'errors.join.roomNotAllowed': 'Your invitation does not include this room.',
    'errors.join.authRequired': 'This server needs an invitation link. Ask the organiser for one.',
    'errors.join.authInvalid': 'Your invitation link is not valid any more. Ask the organiser for a new one.',
    'errors.join.rateLimited': 'Too many attempts in a short time. Wait a moment and try again.',
    'errors.join.noAnswer': 'The server did not answer. Check your connection and try again.',
    'errors.join.other': 'Could not join the room. Check your connection and try again.',
    'errors.media.denied':
      'Your browser blocked the camera for this page. Allow camera and microphone in the site settings and reload, or join without them.',
    'errors.media.missing': 'No camera was found on this device. Plug one in and reload, or join without it.',
    'errors.media.busy':
      'Your camera or microphone could not be started. Another app may be using it. Close that app and reload, or join without it.',
    'errors.media.insecure':
      'This page is not served over HTTPS, so the browser does not offer the camera or microphone. You can still join without them.',
    'errors.media.unknown': 'The camera and microphone could not be started. You can still join without them.',
    'errors.audio.denied': 'The microphone is blocked too. You can still join without camera or microphone.',
    'errors.audio.failed': 'The microphone could not be started either. You can still join without camera or microphone.',
    'errors.name.empty': 'Enter your name so others know who joined.',
    'errors.name.tooLong': 'Use at most {max} characters for your name.',
    'errors.name.forbidden': 'Your name has characters that cannot be shown. Try plain letters.',
    'errors.room.empty': 'Enter a room name: letters, digits, "-" and "_".',
  },
  {
    'errors.join.roomFull': '방이 가득 찼습니다. 다른 방 이름을 쓰거나, 누가 나간 뒤에 다시 시도하세요.',
    'errors.join.invalidName': '쓸 수 없는 이름입니다. 특수 기호 없이 32자 이내로 입력하세요.',
    'errors.join.invalidRoom': '쓸 수 없는 방 이름입니다. 영문자, 숫자, "-", "_"만 64자 이내로 쓰세요.',
    'errors.join.alreadyInRoom': '이 탭에서 이미 방에 들어가 있습니다. 페이지를 새로 고친 뒤 다시 시도하세요.',
    'errors.join.passwordRequired': '비밀번호가 있는 방입니다. "방 비밀번호"에 입력하고 다시 참여하세요.',
    'errors.join.wrongPassword': '이 방의 비밀번호가 맞지 않습니다.',
    'errors.join.roomNotAllowed': '받은 초대에 이 방은 포함되어 있지 않습니다.',
    'errors.join.authRequired': '이 서버는 초대 링크가 있어야 쓸 수 있습니다. 주최자에게 요청하세요.',
    'errors.join.authInvalid': '초대 링크가 더 이상 유효하지 않습니다. 주최자에게 새 링크를 요청하세요.',
    'errors.join.rateLimited': '짧은 시간에 너무 많이 시도했습니다. 잠시 기다린 뒤 다시 시도하세요.',
    'errors.join.noAnswer': '서버가 응답하지 않습니다. 연결을 확인하고 다시 시도하세요.',
    'errors.join.other': '방에 참여하지 못했습니다. 연결을 확인하고 다시 시도하세요.',
    'errors.media.denied':
      '브라우저가 이 페이지의 카메라를 차단했습니다. 사이트 설정에서 카메라와 마이크를 허용하고 새로 고치거나, 없이 참여하세요.',
    'errors.media.missing': '이 기기에서 카메라를 찾지 못했습니다. 카메라를 연결하고 새로 고치거나, 카메라 없이 참여하세요.',
    'errors.media.busy':
      '카메라나 마이크를 켜지 못했습니다. 다른 앱이 쓰고 있을 수 있습니다. 그 앱을 닫고 새로 고치거나, 없이 참여하세요.',
    'errors.media.insecure':
      '이 페이지는 HTTPS로 제공되지 않아 브라우저가 카메라와 마이크를 쓸 수 없게 합니다. 카메라와 마이크 없이 참여할 수는 있습니다.',
    'errors.media.unknown': '카메라와 마이크를 켜지 못했습니다. 카메라와 마이크 없이 참여할 수는 있습니다.',
    'errors.audio.denied': '마이크도 차단되어 있습니다. 카메라와 마이크 없이 참여할 수는 있습니다.',
    'errors.audio.failed': '마이크도 켜지 못했습니다. 카메라와 마이크 없이 참여할 수는 있습니다.',
    'errors.name.empty': '다른 사람들이 누가 들어왔는지 알 수 있도록 이름을 입력하세요.',
    'errors.name.tooLong': '이름은 {max}자 이내로 입력하세요.',
    'errors.name.forbidden': '이름에 표시할 수 없는 문자가 있습니다. 일반 문자로 입력해 보세요.',
    'errors.room.empty': '방 이름을 입력하세요: 영문자, 숫자, "-", "_"를 쓸 수 있습니다.',
  },
);
