/**
 * The "/" command menu (ChatKit's `commands` option). Typing "/" at the start of the composer or after a
 * space opens a listbox fed by `commands.onSearch(query)` (the text after the "/"), followed by the
 * composer's own applicable actions: the composer tools (selecting one selects the tool) and "Attach files"
 * when attachments are enabled. Keyboard and screen-reader behaviour is {@link SuggestList}'s.
 *
 * What a selected command does (ChatKit's `CommandSelection`, decided from its published types and docs):
 * the typed "/query" is removed from the composer, then `commands.onSelect(command)` runs and its answer says
 * what follows —
 * - nothing: the command had its effect outside the chat; the menu closes;
 * - `{type: 'entity', entity}`: the entity is inserted as a tag (a chip, sent as `input_tag`), as if picked
 *   from the "@" menu;
 * - `{type: 'menu', commands}`: the menu stays open and shows those commands under the chosen command's
 *   label (a sub-menu; text typed after that filters it by label; Escape goes back one level). The "/query"
 *   stays in the composer until a command without a sub-menu is chosen.
 * A callback that throws or rejects closes the menu and is reported as a `chatkit.log` line.
 *
 * @internal
 * @module
 */
import { type ReactiveControllerHost, type TemplateResult, nothing } from 'lit';
import type { ChatContextValue } from '../../context/chat-context.js';
import type { Command, ComposerTool, Entity } from '../chatkit-chat/options.js';
import { SuggestList } from './composer-suggest.js';
import { completeEnglish } from '../../i18n/strings-more.js';

// This module shows strings of the on-demand English table (see strings-more.ts).
completeEnglish();

/** A "/" at the start or after whitespace, then the query up to the caret. */
const SLASH = /(^|\s)\/([^\s/]{0,40})$/;

/** One row of the menu. */
type Entry =
  { kind: 'command'; command: Command } | { kind: 'tool'; tool: ComposerTool } | { kind: 'attach' };

/** A sub-menu returned by `onSelect`. */
interface SubMenu {
  heading: string;
  /** The query when the sub-menu opened; what is typed after it filters the sub-menu. */
  base: string;
  entries: Entry[];
  /** What the menu showed before, for Escape. */
  parent: readonly Entry[];
}

/** What the composer lets the menu do. */
export interface CommandActions {
  /** Inserts an entity as a tag chip. */
  addEntity(entity: Entity): void;
  /** Opens the file picker. */
  openFiles(): void;
}

function isCommand(value: unknown): value is Command {
  const c = value as Command | null;
  return !!c && typeof c === 'object' && typeof c.id === 'string' && typeof c.label === 'string';
}

function matches(text: string, query: string): boolean {
  return !query || text.toLocaleLowerCase().includes(query.toLocaleLowerCase());
}

export class ComposerCommands {
  private readonly list: SuggestList<Entry>;
  /** Index of the typed "/" in the textarea, while the menu is open. */
  private start = -1;
  private query = '';
  private stack: SubMenu[] = [];
  /** Bumped by every input and close: a pending `onSelect` whose turn has passed is ignored. */
  private turn = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: () => ChatContextValue,
    private readonly textarea: () => HTMLTextAreaElement | undefined,
    private readonly actions: CommandActions,
  ) {
    this.list = new SuggestList<Entry>(host, {
      key: 'command',
      search: (query) => this.search(query),
      onError: () => {},
      row: (entry) => this.row(entry),
    });
  }

  get open(): boolean {
    return this.list.open;
  }

  get listId(): string {
    return this.list.listId;
  }

  get activeId(): string | undefined {
    return this.list.activeId;
  }

  private row(entry: Entry) {
    const { strings } = this.ctx();
    switch (entry.kind) {
      case 'command': {
        const { label, description, icon, group } = entry.command;
        return { label, description, icon, group };
      }
      case 'tool':
        return { label: entry.tool.label, icon: entry.tool.icon, group: strings.composerActions };
      case 'attach':
        return { label: strings.attach, icon: 'paperclip', group: strings.composerActions };
    }
  }

  /** The composer's own entries that match `query`. */
  private builtIns(query: string): Entry[] {
    const { config, strings } = this.ctx();
    const entries: Entry[] = config.tools
      .filter((tool) => matches(tool.label, query) || matches(tool.shortLabel ?? '', query))
      .map((tool) => ({ kind: 'tool', tool }));
    if (config.attachments.enabled && matches(strings.attach, query)) entries.push({ kind: 'attach' });
    return entries;
  }

  private async search(query: string): Promise<Entry[]> {
    const { config, controller } = this.ctx();
    let found: unknown = [];
    try {
      found = (await config.commands?.onSearch?.(query)) ?? [];
    } catch (error) {
      controller.log('commands.onSearch.error', { message: String(error) });
    }
    const commands = (Array.isArray(found) ? found : []).filter(isCommand);
    return [...commands.map((command) => ({ kind: 'command' as const, command })), ...this.builtIns(query)];
  }

  /** Looks for a "/query" before the caret; opens, updates or closes the menu. */
  handleInput(textarea: HTMLTextAreaElement): void {
    this.turn++;
    if (!this.ctx().config.commands) return this.close();
    const before = textarea.value.slice(0, textarea.selectionStart ?? textarea.value.length);
    const match = SLASH.exec(before);
    if (!match) return this.close();
    this.start = before.length - match[2].length - 1;
    this.query = match[2];
    const sub = this.stack.at(-1);
    if (sub && this.query.startsWith(sub.base)) {
      const rest = this.query.slice(sub.base.length);
      this.list.show(sub.entries.filter((entry) => matches(this.row(entry).label, rest)));
      return;
    }
    this.stack = [];
    this.list.request(this.query);
  }

  close(): void {
    this.turn++;
    this.stack = [];
    this.start = -1;
    this.list.close();
  }

  /** Removes the typed "/query" from the composer. */
  private removeTrigger() {
    const textarea = this.textarea();
    if (!textarea || this.start < 0) return;
    const end = Math.max(this.start + 1 + this.query.length, this.start);
    const value = textarea.value;
    if (value[this.start] !== '/') return;
    textarea.value = value.slice(0, this.start) + value.slice(end);
    textarea.setSelectionRange(this.start, this.start);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  private async pick(entry: Entry) {
    const { controller, config } = this.ctx();
    if (entry.kind !== 'command') {
      this.removeTrigger();
      this.close();
      if (entry.kind === 'tool') controller.selectTool(entry.tool.id);
      else this.actions.openFiles();
      this.textarea()?.focus();
      return;
    }
    const turn = ++this.turn;
    const onSelect = config.commands?.onSelect;
    let selection: unknown;
    try {
      this.list.busy = true;
      this.host.requestUpdate();
      selection = await onSelect?.(entry.command);
    } catch (error) {
      controller.log('commands.onSelect.error', { command: entry.command.id, message: String(error) });
    }
    this.list.busy = false;
    // The user typed on or closed the menu while the host was deciding: its answer is out of date.
    if (turn !== this.turn) return;
    const next = selection as { type?: string; commands?: unknown; entity?: Entity } | undefined;
    if (next?.type === 'menu' && Array.isArray(next.commands)) {
      const entries = next.commands
        .filter(isCommand)
        .map((command) => ({ kind: 'command' as const, command }));
      this.stack.push({
        heading: entry.command.label,
        base: this.query,
        entries,
        parent: this.list.items,
      });
      this.list.show(entries);
      return;
    }
    this.removeTrigger();
    this.close();
    if (next?.type === 'entity' && next.entity && typeof next.entity.id === 'string') {
      this.actions.addEntity(next.entity);
    }
    this.textarea()?.focus();
  }

  /** Escape: back one sub-menu level, or close. */
  private back() {
    const sub = this.stack.pop();
    if (!sub) return this.close();
    this.list.show(sub.parent);
  }

  /** Handles keys while the menu is open; true when used (the composer must not send). */
  handleKeyDown(event: KeyboardEvent): boolean {
    return this.list.handleKeyDown(
      event,
      (entry) => void this.pick(entry),
      () => this.back(),
    );
  }

  render(): TemplateResult | typeof nothing {
    if (!this.ctx().config.commands) return nothing;
    const { strings } = this.ctx();
    return this.list.render(
      {
        label: strings.commands,
        empty: strings.noCommands,
        count: strings.resultCount,
        heading: this.stack.at(-1)?.heading,
      },
      (entry) => void this.pick(entry),
    );
  }
}
