// The terminal's line editor: a buffer, a cursor and the history, with no DOM and no
// xterm, so every key's behaviour is unit-tested (test/unit/site/line-editor.test.ts).
// The escape sequences that redraw the line on screen are computed here too: they only
// depend on the prompt width, the terminal width and the before/after states.

export interface EditorState {
  buffer: string;
  cursor: number;
}

/** Most history entries kept; older ones are dropped first. */
export const HISTORY_LIMIT = 500;

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Printable ASCII (and beyond) only: control characters never enter the buffer. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, '');
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  private history: string[];
  /** Index into history while browsing it; history.length means "the line being typed". */
  private historyIndex: number;
  /** The line being typed, kept while the user browses history with up/down. */
  private draft = '';

  constructor(history: readonly string[] = []) {
    this.history = history.slice(-HISTORY_LIMIT);
    this.historyIndex = this.history.length;
  }

  get state(): EditorState {
    return { buffer: this.buffer, cursor: this.cursor };
  }

  entries(): string[] {
    return [...this.history];
  }

  insert(text: string): void {
    const clean = printable(text);
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
  }

  /** Replaces buffer[from, to) with text and leaves the cursor after it (Tab completion). */
  replaceRange(from: number, to: number, text: string): void {
    const start = Math.max(0, Math.min(from, this.buffer.length));
    const end = Math.max(start, Math.min(to, this.buffer.length));
    const clean = printable(text);
    this.buffer = this.buffer.slice(0, start) + clean + this.buffer.slice(end);
    this.cursor = start + clean.length;
  }

  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.cursor = Math.min(this.buffer.length, this.cursor + 1);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.buffer.length;
  }

  /** Ctrl-Left: to the start of the previous word. */
  wordLeft(): void {
    this.cursor = this.previousWordStart();
  }

  /** Ctrl-Right: to the end of the next word. */
  wordRight(): void {
    let i = this.cursor;
    while (i < this.buffer.length && isSpace(this.buffer[i])) i++;
    while (i < this.buffer.length && !isSpace(this.buffer[i])) i++;
    this.cursor = i;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor -= 1;
  }

  delete(): void {
    if (this.cursor >= this.buffer.length) return;
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
  }

  /** Ctrl-U: delete from the start of the line to the cursor. */
  killToStart(): void {
    this.buffer = this.buffer.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl-K: delete from the cursor to the end of the line. */
  killToEnd(): void {
    this.buffer = this.buffer.slice(0, this.cursor);
  }

  /** Ctrl-W: delete the whitespace-delimited word before the cursor (readline's unix-word-rubout). */
  deleteWordBack(): void {
    const start = this.previousWordStart();
    this.buffer = this.buffer.slice(0, start) + this.buffer.slice(this.cursor);
    this.cursor = start;
  }

  /** Up: the previous history entry; the line being typed is kept as the draft. */
  historyPrev(): void {
    if (this.historyIndex === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex -= 1;
    this.setLine(this.history[this.historyIndex]);
  }

  /** Down: the next history entry, and finally the draft again. */
  historyNext(): void {
    if (this.historyIndex >= this.history.length) return;
    this.historyIndex += 1;
    this.setLine(this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex]);
  }

  /** Enter: returns the line, records it in history (unless blank) and starts a new one. */
  accept(): string {
    const line = this.buffer;
    if (line.trim() !== '') {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    }
    this.reset();
    return line;
  }

  /** Ctrl-C: drop the line without recording it. */
  reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.draft = '';
    this.historyIndex = this.history.length;
  }

  private setLine(line: string): void {
    this.buffer = line;
    this.cursor = line.length;
  }

  private previousWordStart(): number {
    let i = this.cursor;
    while (i > 0 && isSpace(this.buffer[i - 1])) i--;
    while (i > 0 && !isSpace(this.buffer[i - 1])) i--;
    return i;
  }
}

// ---------------------------------------------------------------------------------
// Rendering. Positions are offsets counted from the first column of the prompt, so a
// line longer than the terminal wraps onto the next rows: row = offset / cols.

const CSI = '\x1b[';

/** Width of a string on screen: ANSI escape sequences take no columns. */
export function visibleWidth(text: string): number {
  // CSI sequences, OSC sequences (ended by BEL or ST), and other two-byte escapes.
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '').length;
}

/** Escape sequence moving the cursor from one offset to another (both on screen). */
export function cursorMove(from: number, to: number, cols: number): string {
  const fromRow = Math.floor(from / cols);
  const toRow = Math.floor(to / cols);
  const fromCol = from % cols;
  const toCol = to % cols;
  let out = '';
  if (toRow < fromRow) out += `${CSI}${fromRow - toRow}A`;
  if (toRow > fromRow) out += `${CSI}${toRow - fromRow}B`;
  if (toCol < fromCol) out += `${CSI}${fromCol - toCol}D`;
  if (toCol > fromCol) out += `${CSI}${toCol - fromCol}C`;
  return out;
}

/**
 * After writing text that ends exactly at the right margin, the terminal cursor waits
 * in a "pending wrap" state where relative moves misbehave. Writing a space wraps it for
 * real (keeping the row marked as wrapped, so resizes reflow correctly) and `\r` returns
 * to column 0 of the new row; the space is overwritten or erased by what comes next.
 */
function settleWrap(endOffset: number, cols: number): string {
  return endOffset > 0 && endOffset % cols === 0 ? ' \r' : '';
}

export interface RenderView {
  /** Columns the prompt takes (use visibleWidth(prompt)). */
  promptWidth: number;
  /** Terminal width in columns. */
  cols: number;
}

/**
 * The bytes turning the line as shown (prev) into the line wanted (next), with the
 * terminal cursor at prev.cursor on entry and at next.cursor on exit. Only the part of
 * the line after the first difference is rewritten, so typing at the end of a line
 * writes just the typed characters (which keeps screen readers quiet otherwise).
 */
export function renderUpdate(prev: EditorState, next: EditorState, view: RenderView): string {
  const { promptWidth: p, cols } = view;
  if (prev.buffer === next.buffer) return cursorMove(p + prev.cursor, p + next.cursor, cols);
  let same = 0;
  const max = Math.min(prev.buffer.length, next.buffer.length);
  while (same < max && prev.buffer[same] === next.buffer[same]) same++;
  let out = cursorMove(p + prev.cursor, p + same, cols);
  out += next.buffer.slice(same);
  const end = p + next.buffer.length;
  out += settleWrap(end, cols);
  // Erase what is left of a longer previous line (to the end of the screen: it may span rows).
  if (next.buffer.length < prev.buffer.length) out += `${CSI}J`;
  out += cursorMove(end, p + next.cursor, cols);
  return out;
}

/** The bytes drawing prompt and line from column 0 of an empty row. */
export function renderFull(prompt: string, state: EditorState, cols: number): string {
  const p = visibleWidth(prompt);
  const end = p + state.buffer.length;
  return prompt + state.buffer + settleWrap(end, cols) + cursorMove(end, p + state.cursor, cols);
}

/** The bytes moving the cursor from where it is to just after the end of the line. */
export function moveToEnd(state: EditorState, view: RenderView): string {
  return cursorMove(view.promptWidth + state.cursor, view.promptWidth + state.buffer.length, view.cols);
}
