/**
 * The English strings only on-demand parts of `<chatkit-chat>` show (history panel, dictation, attachments,
 * composer menus, header icons, tool/image/structured-input items). A first answer shows none of them, so
 * they stay out of the main bundle: each module that shows one calls {@link completeEnglish} at its top level,
 * which puts them into the English table before that module renders. Translations are complete tables and
 * need nothing from here.
 *
 * @internal
 * @module
 */
import { en, type CoreStringKeys, type Strings } from './strings.js';

const more = {
  cancel: 'Cancel',
  delete: 'Delete',
  attach: 'Attach files',
  tools: 'Tools',
  model: 'Model',
  closeHistory: 'Close history',
  historyTitle: 'Chats',
  historyEmpty: 'No conversations yet.',
  loadMore: 'Load more',
  rename: 'Rename',
  renameLabel: 'Conversation title',
  deleteConfirm: (title) => `Delete “${title}”? This cannot be undone.`,
  save: 'Save',
  untitled: 'New conversation',
  workedFor: (seconds) => `Worked for ${seconds}s`,
  toolRunning: (name) => `Running ${name}…`,
  toolDone: (name) => `Ran ${name}`,
  generatingImage: 'Generating image…',
  generatedImage: 'Generated image',
  imageUnavailable: 'Image unavailable',
  skip: 'Skip',
  otherAnswer: 'Other answer',
  answered: 'Answered',
  skipped: 'Skipped',
  uploadFailed: 'Upload failed',
  fileTooLarge: (size) => `Too large (max ${size})`,
  fileTypeNotAllowed: 'File type not allowed',
  dictate: 'Dictate',
  stopDictation: 'Stop dictation',
  cancelDictation: 'Cancel dictation',
  recording: (elapsed) => `Recording ${elapsed}`,
  transcribing: 'Transcribing…',
  micPermissionDenied: 'Microphone access was denied. Allow it in your browser to dictate.',
  micNotFound: 'No microphone was found.',
  micUnavailable: 'The microphone could not be started.',
  transcriptionFailed: 'The recording could not be transcribed. Please try again.',
  nothingHeard: 'No speech was recognized.',
  toggleSidebar: 'Toggle sidebar',
  collapse: 'Collapse',
  expand: 'Expand',
  back: 'Back',
  forward: 'Forward',
  home: 'Home',
  favorite: 'Favorite',
  reportBug: 'Report a bug',
  temporaryChat: 'Temporary chat',
  settings: 'Settings',
  apps: 'Apps',
  moreOptions: 'More options',
  menu: 'Menu',
  documentation: 'Documentation',
  share: 'Share',
  lightMode: 'Light mode',
  darkMode: 'Dark mode',
  close: 'Close',
  noCommands: 'No matching commands',
  composerActions: 'Composer',
  mentions: 'Mentions',
  noMatches: 'No matches',
  resultCount: (count) => (count === 1 ? '1 result' : `${count} results`),
  previewOf: (title) => `Preview: ${title}`,
} satisfies Omit<Strings, CoreStringKeys>;

/** Completes the English table (idempotent). Call at the top level of a module that shows one of these. */
export function completeEnglish(): void {
  Object.assign(en, more);
}
