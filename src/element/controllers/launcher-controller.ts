/**
 * Launcher mode behaviour: the panel's open state (remembered per API URL), Escape closes and returns focus
 * to the launcher button, an unread count while closed, and following the on-screen keyboard through
 * `visualViewport` (the panel's height is written to `--_ck-viewport-height` on the host).
 *
 * @internal
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface LauncherHost extends ReactiveControllerHost, HTMLElement {
  /** Called after the open state changed through the user. */
  launcherToggled(open: boolean): void;
  /** The current mode (attribute or option). */
  readonly mode: string;
}

export class LauncherController implements ReactiveController {
  /** Whether the panel is open. */
  open = false;
  /** Answers that finished while the panel was closed. */
  unread = 0;

  /** Whether the visual viewport is followed (launcher mode only). */
  private following = false;

  constructor(private readonly host: LauncherHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.hostUpdated();
  }

  /**
   * Follows the visual viewport only in launcher mode (checked on connect and after every update). Why not
   * always: reading `visualViewport.height` forces a layout of the page, a cost every inline element paid
   * before its first render for a value only the launcher panel uses.
   */
  hostUpdated(): void {
    const launcher = this.host.mode === 'launcher';
    if (launcher === this.following) return;
    this.following = launcher;
    const viewport = window.visualViewport;
    if (launcher) {
      viewport?.addEventListener('resize', this.handleViewport);
      viewport?.addEventListener('scroll', this.handleViewport);
      this.handleViewport();
    } else {
      this.hostDisconnected();
    }
  }

  hostDisconnected(): void {
    this.following = false;
    window.visualViewport?.removeEventListener('resize', this.handleViewport);
    window.visualViewport?.removeEventListener('scroll', this.handleViewport);
  }

  /** Opens or closes the panel; `byUser` moves focus (into the composer, or back to the launcher). */
  setOpen(open: boolean, byUser = true): void {
    if (this.open === open) return;
    this.open = open;
    if (open) this.unread = 0;
    this.host.requestUpdate();
    if (byUser) this.host.launcherToggled(open);
  }

  /** Counts a finished answer toward the badge when the panel is closed. */
  noteAnswer(): void {
    if (!this.open) {
      this.unread += 1;
      this.host.requestUpdate();
    }
  }

  private handleViewport = () => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    // On phones the on-screen keyboard shrinks the visual viewport; the full-screen panel follows it so
    // the composer stays visible above the keyboard.
    this.host.style.setProperty('--_ck-viewport-height', `${Math.round(viewport.height)}px`);
    this.host.style.setProperty('--_ck-viewport-top', `${Math.round(viewport.offsetTop)}px`);
  };
}
