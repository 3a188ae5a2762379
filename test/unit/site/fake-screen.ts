// A tiny terminal emulator for tests: enough of xterm.js's behaviour (autowrap with a
// pending-wrap column, cursor moves, erase below, clear) to check what the editor draws.
export class FakeScreen {
  rows: string[][] = [[]];
  x = 0;
  y = 0;
  constructor(public cols = 80) {}

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        const m = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(data.slice(i));
        if (!m) throw new Error(`unsupported escape at ${JSON.stringify(data.slice(i, i + 8))}`);
        this.csi(m[2]!, m[1] ? Number(m[1].split(';')[0]) : undefined);
        i += m[0].length;
        continue;
      }
      if (ch === '\r') this.x = 0;
      else if (ch === '\n') this.lineFeed();
      else if (ch === '\x07') {
        /* bell */
      } else this.put(ch);
      i++;
    }
  }

  /** Rows as strings, trailing spaces trimmed, trailing empty rows dropped. */
  get lines(): string[] {
    const lines = this.rows.map((r) => Array.from({ length: r.length }, (_, k) => r[k] ?? ' ').join('').trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  /** The cursor as [row, column], a pending wrap shown as the last column. */
  get cursor(): [number, number] {
    return [this.y, Math.min(this.x, this.cols - 1)];
  }

  private row(y: number): string[] {
    while (this.rows.length <= y) this.rows.push([]);
    return this.rows[y]!;
  }

  private put(ch: string): void {
    if (this.x >= this.cols) {
      this.x = 0;
      this.lineFeed();
    }
    this.row(this.y)[this.x] = ch;
    this.x++;
  }

  private lineFeed(): void {
    this.y++;
    this.row(this.y);
  }

  private csi(final: string, n: number | undefined): void {
    const count = n ?? 1;
    // Like xterm.js, a move first leaves the pending-wrap column.
    if ('ABCD'.includes(final)) this.x = Math.min(this.x, this.cols - 1);
    switch (final) {
      case 'A': this.y = Math.max(0, this.y - count); break;
      case 'B': this.y += count; this.row(this.y); break;
      case 'C': this.x = Math.min(this.cols - 1, this.x + count); break;
      case 'D': this.x = Math.max(0, this.x - count); break;
      case 'H': this.x = 0; this.y = 0; break;
      case 'J':
        if (n === 2 || n === 3) { this.rows = this.rows.map(() => []); break; }
        this.row(this.y).length = Math.min(this.row(this.y).length, this.x);
        this.rows.length = this.y + 1;
        break;
      case 'K': this.row(this.y).length = Math.min(this.row(this.y).length, this.x); break;
      case 'm': break;
      default: throw new Error(`unsupported CSI ${final}`);
    }
  }
}
