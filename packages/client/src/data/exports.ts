/** The public API of data channels, chat and file sharing; re-exported by the package index. */
export { RoomChannel, type ChannelOptions, type RoomChannelEvents, type Validate } from './room-channel.js';
export { Chat, CHAT_CHANNEL, MAX_CHAT_TEXT_LENGTH, type ChatEvents } from './chat.js';
export { MAX_CHAT_HISTORY, type ChatMessage } from './chat-log.js';
export { MAX_CHANNEL_NAME_LENGTH, MAX_MESSAGE_BYTES } from './envelope.js';
export { MESSAGE_CHANNEL, FILE_CHANNEL } from './data-link.js';
export { RESERVED_CHANNEL_PREFIX } from './room-data.js';
export {
  FileSharing,
  type FileSharingEvents,
  type FileSharingOptions,
  type SendFileOptions,
} from '../files/file-sharing.js';
export {
  FileTransfer,
  type FileTransferEvents,
  type Integrity,
  type TransferFailure,
  type TransferState,
} from '../files/file-transfer.js';
export { IncomingFileTransfer } from '../files/incoming-transfer.js';
export { OutgoingFileTransfer } from '../files/outgoing-transfer.js';
export type { TransferProgress } from '../files/progress.js';
export type { DeclineReason } from '../files/file-protocol.js';
export {
  DEFAULT_MAX_FILE_SIZE,
  FILE_CHUNK_SIZE,
  FILE_HIGH_WATER_MARK,
  FILE_READ_SIZE,
  PROGRESS_INTERVAL_MS,
} from '../files/constants.js';
export { Sha256, sha256Hex } from '../files/sha256.js';
export {
  Reactions,
  REACTIONS_CHANNEL,
  REACTION_EMOJI,
  REACTION_MAX_PER_WINDOW,
  REACTION_WINDOW_MS,
  isReactionEmoji,
  type Reaction,
  type ReactionEmoji,
  type ReactionsEvents,
} from './reactions.js';
export { HandRaise, HAND_CHANNEL, type HandRaiseEvents, type RaisedHand } from './hand-raise.js';
