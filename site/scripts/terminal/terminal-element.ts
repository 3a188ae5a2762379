// <aks-terminal>: the lesson's sandbox terminal. Glues xterm.js (screen, keys, resize,
// theme) to a TerminalSession and the sandbox worker. The logic lives in session.ts.
//
// For end-to-end tests: the element carries data-terminal, exposes the xterm Terminal as
// `element.__term`, sets data-ready="true" once the first prompt is on screen, and
// data-busy="true" while a command line runs in the sandbox.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { connectSandbox, type SandboxConnection } from '../../../sandbox/worker/client.ts';
import { onThemeChange } from '../theme.ts';
import { terminalCommand, terminalStatus } from './bus.ts';
import { loadHistory, saveHistory } from './history-store.ts';
import { TerminalSession } from './session.ts';
import { readXtermTheme } from './xterm-theme.ts';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

export class AksTerminal extends HTMLElement {
  __term?: Terminal;
  private connection?: SandboxConnection;
  private cleanups: Array<() => void> = [];

  connectedCallback(): void {
    const host = this.querySelector<HTMLElement>('[data-terminal-host]');
    if (!host || this.__term) return;
    const lessonId = this.dataset.lessonId ?? 'default';
    const scenario = this.dataset.scenario || undefined;
    const monoFont = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim();

    const term = new Terminal({
      screenReaderMode: true,
      fontFamily: monoFont || 'monospace',
      fontSize: 14,
      lineHeight: 1.25,
      cursorBlink: true,
      scrollback: 5000,
      theme: readXtermTheme(),
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    term.textarea?.setAttribute('aria-label', 'Sandbox terminal input');
    this.__term = term;
    this.fitSoon(fit);

    // Resize with the panel (split drag, window resize, stacked layout).
    const resize = new ResizeObserver(() => this.fitSoon(fit));
    resize.observe(host);
    this.cleanups.push(() => resize.disconnect());
    this.cleanups.push(onThemeChange(() => (term.options.theme = readXtermTheme())));
    term.attachCustomKeyEventHandler(this.keyFilter(term));

    const history = loadHistory(storage(), lessonId);
    const connection = connectSandbox();
    this.connection = connection;
    const session = new TerminalSession({
      screen: { write: (data) => term.write(data), get cols() { return term.cols; } },
      sandbox: connection.api,
      history,
      onHistory: (lines) => saveHistory(storage(), lessonId, lines),
      onRunning: (running) => {
        this.dataset.busy = String(running);
        terminalStatus.set(running ? 'busy' : 'ready');
      },
    });
    const input = term.onData((data) => session.handleData(data));
    this.cleanups.push(() => input.dispose());
    // Subscribed before the sandbox starts: commands sent early wait in the session queue.
    this.cleanups.push(terminalCommand.listen((request) => request && session.run(request.command)));

    this.setStatus('Starting the sandbox…');
    terminalStatus.set('starting');
    // A worker that fails to load never answers (Comlink has no error path for that): say so.
    const slow = setTimeout(() => this.setStatus('The sandbox is slow to start. If nothing happens, reload the page.'), 15_000);
    this.cleanups.push(() => clearTimeout(slow));
    connection.api
      .start({ scenario, history })
      .then((info) => {
        clearTimeout(slow);
        session.start(info.prompt, info.warning);
        // The write callback runs once xterm has parsed the prompt: it is on screen.
        term.write('', () => {
          this.dataset.ready = 'true';
          this.dataset.busy = 'false';
          terminalStatus.set('ready');
          this.setStatus(`Ready · ${info.title}`);
        });
      })
      .catch((error: unknown) => {
        clearTimeout(slow);
        const message = error instanceof Error ? error.message : String(error);
        term.write(`\x1b[31mThe sandbox could not start: ${message}\x1b[39m\r\n`);
        terminalStatus.set('failed');
        this.setStatus('The sandbox could not start. Reload the page to try again.');
      });
  }

  disconnectedCallback(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.connection?.terminate();
    this.connection = undefined;
    this.__term?.dispose();
    this.__term = undefined;
    delete this.dataset.ready;
  }

  private setStatus(text: string): void {
    const status = this.querySelector('[data-terminal-status]');
    if (status) status.textContent = text;
  }

  private fitPending = false;

  /** Fits on the next frame, once per frame, and only while the terminal is visible. */
  private fitSoon(fit: FitAddon): void {
    if (this.fitPending) return;
    this.fitPending = true;
    requestAnimationFrame(() => {
      this.fitPending = false;
      const host = this.querySelector<HTMLElement>('[data-terminal-host]');
      if (host && host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    });
  }

  /**
   * Keys the browser should handle instead of the terminal:
   * - Escape then Tab (or Shift+Tab) leaves the terminal, since Tab alone completes;
   * - Ctrl+C with a selection copies (without one it interrupts, as in a shell);
   * - Ctrl+V / Ctrl+Shift+V / Ctrl+Shift+C reach the browser's paste and copy.
   */
  private keyFilter(term: Terminal): (event: KeyboardEvent) => boolean {
    let escaped = false;
    return (event) => {
      if (event.type !== 'keydown' || MODIFIERS.has(event.key)) return true;
      const key = event.key.toLowerCase();
      if (event.key === 'Tab' && escaped) {
        escaped = false;
        return false;
      }
      escaped = event.key === 'Escape';
      if (escaped) return false;
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && key === 'c' && (event.shiftKey || term.hasSelection())) return false;
      if (ctrl && key === 'v') return false;
      return true;
    };
  }
}

customElements.define('aks-terminal', AksTerminal);
