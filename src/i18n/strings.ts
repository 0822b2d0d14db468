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

const core = {
  message: 'Message',
  placeholder: 'Ask anything…',
  send: 'Send',
  stop: 'Stop',
  newChat: 'New chat',
  history: 'History',
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
  unread: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  jumpToLatest: 'Jump to latest',
  thinking: 'Thinking…',
  imageBlocked: 'Image blocked: its address is not allowed',
  loadImageFrom: (host) => `Load image from ${host}`,
  submit: 'Submit',
  attachment: 'Attachment',
  removeAttachment: (name) => `Remove ${name}`,
  quoted: 'Quoted text',
  assistantSaid: (text) => `Assistant: ${text}`,
  dismiss: 'Dismiss',
  you: 'You',
  assistant: 'Assistant',
  starterPrompts: 'Suggestions',
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
  addMention: 'Mention',
} satisfies Partial<Strings>;

/**
 * English, the fallback for every missing key. Until `strings-more.ts` has been loaded it holds only the keys
 * the main bundle shows; the others (history panel, dictation, attachments, menus, header icons, rare items)
 * are added by `completeEnglish()`, which every module showing one of them calls at its top level, so they are
 * in place before it renders. The translations are complete tables.
 */
export const en = core as Strings;

/** The keys {@link en} holds from the start. */
export type CoreStringKeys = keyof typeof core;
