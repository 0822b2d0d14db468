/**
 * What the element remembers in the browser: the anonymous per-browser user id (always localStorage), the
 * current thread id and the launcher's open state (per the `persist` setting, keyed by API URL so two
 * elements on one page do not collide). Storage can be unavailable (privacy modes, sandboxed iframes): every
 * access is guarded and failures fall back to "not remembered".
 *
 * @module
 */

/** Where per-conversation state is kept. */
export type PersistMode = 'local' | 'session' | 'none';

const USER_KEY = 'chatkit-chat:user';

function storageFor(mode: PersistMode): Storage | null {
  try {
    if (mode === 'local') return window.localStorage;
    if (mode === 'session') return window.sessionStorage;
  } catch {
    // Accessing the storage object itself throws when storage is disabled.
  }
  return null;
}

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Quota or disabled storage: the value is simply not remembered.
  }
}

/** The anonymous user id sent as `x-chatkit-user`; created once per browser. */
export function anonymousUserId(): string {
  const storage = storageFor('local');
  let id = read(storage, USER_KEY);
  if (!id) {
    id =
      typeof crypto !== 'undefined' && 'randomUUID' in crypto
        ? crypto.randomUUID()
        : `u_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    write(storage, USER_KEY, id);
  }
  return id;
}

/** A key/value slot scoped to one API URL and one persist mode. */
export class ElementMemory {
  constructor(
    private readonly mode: PersistMode,
    private readonly apiUrl: string,
  ) {}

  private key(name: string): string {
    return `chatkit-chat:${name}:${this.apiUrl}`;
  }

  /** The remembered thread id, or null. */
  get threadId(): string | null {
    return read(storageFor(this.mode), this.key('thread'));
  }

  set threadId(id: string | null) {
    write(storageFor(this.mode), this.key('thread'), id);
  }

  /** Whether the launcher panel was open. */
  get open(): boolean {
    return read(storageFor(this.mode), this.key('open')) === '1';
  }

  set open(value: boolean) {
    write(storageFor(this.mode), this.key('open'), value ? '1' : null);
  }
}
