/**
 * The user-visible strings of `<chatkit-chat>` and the English defaults. Other languages live in
 * `locales/<lang>.ts` and are loaded on demand (see `localize.ts`), so only English ships in the main bundle.
 *
 * @module
 */

/** Every translatable string. Functions take the values they interpolate so word order can change per language. */
export interface Strings {
  /** Accessible name of the composer textbox. */
  message: string;
  placeholder: string;
  send: string;
  stop: string;
  newChat: string;
  history: string;
  closeHistory: string;
  openChat: string;
  closeChat: string;
  conversation: string;
  greeting: string;
  copy: string;
  copied: string;
  copyCode: string;
  feedbackPositive: string;
  feedbackNegative: string;
  feedbackThanks: string;
  retry: string;
  genericError: string;
  sources: string;
  loadingOlder: string;
  loading: string;
  threadLocked: string;
  threadClosed: string;
  historyTitle: string;
  historyEmpty: string;
  loadMore: string;
  rename: string;
  renameLabel: string;
  delete: string;
  deleteConfirm: (title: string) => string;
  cancel: string;
  save: string;
  untitled: string;
  unread: (count: number) => string;
  jumpToLatest: string;
  thinking: string;
  workedFor: (seconds: number) => string;
  toolRunning: (name: string) => string;
  toolDone: (name: string) => string;
  generatingImage: string;
  generatedImage: string;
  /** A finished generated image whose URL the element refuses to load (unsafe scheme, domain not allowed). */
  imageBlocked: string;
  /** Button of a blocked image (the image policy refused its host): loads that one image on click. */
  loadImageFrom: (host: string) => string;
  /** A finished generated image item that carries no image. */
  imageUnavailable: string;
  submit: string;
  skip: string;
  otherAnswer: string;
  answered: string;
  skipped: string;
  attachment: string;
  attach: string;
  removeAttachment: (name: string) => string;
  uploadFailed: string;
  /** A picked file is over `composer.attachments.maxSize` (`size` is formatted, e.g. "10 MB"). */
  fileTooLarge: (size: string) => string;
  /** A picked file matches no `composer.attachments.accept` type. */
  fileTypeNotAllowed: string;
  /** Dictation (`composer.dictation`): the microphone button, its recording state and its errors. */
  dictate: string;
  stopDictation: string;
  cancelDictation: string;
  /** Status while recording; `elapsed` is formatted, e.g. "0:07". */
  recording: (elapsed: string) => string;
  transcribing: string;
  micPermissionDenied: string;
  micNotFound: string;
  micUnavailable: string;
  transcriptionFailed: string;
  nothingHeard: string;
  quoted: string;
  assistantSaid: (text: string) => string;
  tools: string;
  model: string;
  dismiss: string;
  you: string;
  assistant: string;
  starterPrompts: string;
  /** Accessible names of ChatKit's header icons (`header.leftAction`/`rightAction`). */
  toggleSidebar: string;
  collapse: string;
  expand: string;
  back: string;
  forward: string;
  home: string;
  favorite: string;
  reportBug: string;
  temporaryChat: string;
  settings: string;
  apps: string;
  moreOptions: string;
  menu: string;
  documentation: string;
  share: string;
  lightMode: string;
  darkMode: string;
  close: string;
  /** Widget renderer: ListView "show more", Select placeholder/search/empty result, clear button. */
  showMore: string;
  selectPlaceholder: string;
  searchOptions: string;
  noOptions: string;
  clear: string;
  /** Validation message of a required widget Select left empty. */
  selectRequired: string;
  /** Widget DatePicker: placeholder and calendar dialog name, month navigation, validation messages. */
  chooseDate: string;
  previousMonth: string;
  nextMonth: string;
  dateRequired: string;
  dateOutOfRange: string;
  /** Widget form validation (text fields, checkboxes, radio groups): empty required, pattern, other invalid. */
  fieldRequired: string;
  fieldPattern: string;
  fieldInvalid: string;
  /** Collapsed widget Card toggle. */
  showDetails: string;
  hideDetails: string;
  /** A widget image the URL policy did not allow. */
  widgetImageBlocked: string;
  /** Fallback box for a widget component type the renderer does not know. */
  unsupportedWidget: (type: string) => string;
  /** Markdown: note under an answer whose nesting went past the parser's limits and was flattened. */
  markdownTruncated: string;
  /** Accessible name of the "/" command menu. */
  commands: string;
  /** The "/" menu found nothing. */
  noCommands: string;
  /** Group of the composer's own entries in the "/" menu (tools, attach). */
  composerActions: string;
  /** Accessible name of the "@" entity menu. */
  mentions: string;
  /** The "@" menu found nothing. */
  noMatches: string;
  /** The composer button that starts an "@" mention (`entities.showComposerMenu`). */
  addMention: string;
  /** Polite status of an open suggestion menu. */
  resultCount: (count: number) => string;
  /** Accessible name of an entity's preview popover. */
  previewOf: (title: string) => string;
}

/** English, the fallback for every missing key. */
export const en: Strings = {
  message: 'Message',
  placeholder: 'Ask anything…',
  send: 'Send',
  stop: 'Stop',
  newChat: 'New chat',
  history: 'History',
  closeHistory: 'Close history',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  conversation: 'Conversation',
  greeting: 'How can I help you today?',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
  feedbackPositive: 'Good response',
  feedbackNegative: 'Bad response',
  feedbackThanks: 'Thanks for the feedback',
  retry: 'Retry',
  genericError: 'Something went wrong. Please try again.',
  sources: 'Sources',
  loadingOlder: 'Loading earlier messages…',
  loading: 'Loading…',
  threadLocked: 'This conversation is locked.',
  threadClosed: 'This conversation has ended.',
  historyTitle: 'Chats',
  historyEmpty: 'No conversations yet.',
  loadMore: 'Load more',
  rename: 'Rename',
  renameLabel: 'Conversation title',
  delete: 'Delete',
  deleteConfirm: (title) => `Delete “${title}”? This cannot be undone.`,
  cancel: 'Cancel',
  save: 'Save',
  untitled: 'New conversation',
  unread: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  jumpToLatest: 'Jump to latest',
  thinking: 'Thinking…',
  workedFor: (seconds) => `Worked for ${seconds}s`,
  toolRunning: (name) => `Running ${name}…`,
  toolDone: (name) => `Ran ${name}`,
  generatingImage: 'Generating image…',
  generatedImage: 'Generated image',
  imageBlocked: 'Image blocked: its address is not allowed',
  loadImageFrom: (host) => `Load image from ${host}`,
  imageUnavailable: 'Image unavailable',
  submit: 'Submit',
  skip: 'Skip',
  otherAnswer: 'Other answer',
  answered: 'Answered',
  skipped: 'Skipped',
  attachment: 'Attachment',
  attach: 'Attach files',
  removeAttachment: (name) => `Remove ${name}`,
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
  quoted: 'Quoted text',
  assistantSaid: (text) => `Assistant: ${text}`,
  tools: 'Tools',
  model: 'Model',
  dismiss: 'Dismiss',
  you: 'You',
  assistant: 'Assistant',
  starterPrompts: 'Suggestions',
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
  showMore: 'Show more',
  selectPlaceholder: 'Select…',
  searchOptions: 'Search…',
  noOptions: 'No matches',
  clear: 'Clear',
  selectRequired: 'Please select an option.',
  chooseDate: 'Choose a date',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  dateRequired: 'Please choose a date.',
  dateOutOfRange: 'This date is not available.',
  fieldRequired: 'Please fill out this field.',
  fieldPattern: 'Please match the requested format.',
  fieldInvalid: 'Please enter a valid value.',
  showDetails: 'Show details',
  hideDetails: 'Hide details',
  widgetImageBlocked: 'Image not shown',
  unsupportedWidget: (type) => `Unsupported widget component: ${type}`,
  markdownTruncated: 'Part of this answer went past the renderer’s limits and is shown simplified.',
  commands: 'Commands',
  noCommands: 'No matching commands',
  composerActions: 'Composer',
  mentions: 'Mentions',
  noMatches: 'No matches',
  addMention: 'Mention',
  resultCount: (count) => (count === 1 ? '1 result' : `${count} results`),
  previewOf: (title) => `Preview: ${title}`,
};
