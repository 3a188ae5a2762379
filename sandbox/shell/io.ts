// Where a command's input comes from and its output goes: captured buffers (capped), files in
// the host's filesystem, or nowhere.
import { MAX_OUTPUT } from './limits.ts';
import type { MemFS } from './memfs.ts';

/** Collected output, silently capped at MAX_OUTPUT characters (`truncated` says so). */
export class OutputBuffer {
  private chunks: string[] = [];
  private size = 0;
  truncated = false;

  write(text: string): void {
    if (!text) return;
    const room = MAX_OUTPUT - this.size;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    if (text.length > room) {
      text = text.slice(0, room);
      this.truncated = true;
    }
    this.chunks.push(text);
    this.size += text.length;
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}

/** A command's stdin: shared by the commands of a list, each reader takes what it reads. */
export class InputStream {
  private readonly data: string;
  private pos = 0;

  constructor(data: string) {
    this.data = data;
  }

  readAll(): string {
    const rest = this.pos === 0 ? this.data : this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** The next line without its newline; null at the end. */
  readLine(): string | null {
    if (this.pos >= this.data.length) return null;
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl === -1 ? this.data.length : nl;
    const line = this.data.slice(this.pos, end);
    this.pos = nl === -1 ? this.data.length : nl + 1;
    return line;
  }
}

export type OutputTarget =
  | { kind: 'buffer'; buffer: OutputBuffer }
  | { kind: 'file'; path: string; fs: MemFS }
  | { kind: 'null' };

/** Largest file a redirection may grow (several commands can append to one file). */
const MAX_FILE = 4 * MAX_OUTPUT;

export function writeTo(target: OutputTarget, text: string): void {
  if (!text) return;
  if (target.kind === 'buffer') {
    target.buffer.write(text);
  } else if (target.kind === 'file') {
    try {
      const room = MAX_FILE - target.fs.readFile(target.path).length;
      if (room > 0) target.fs.writeFile(target.path, text.length > room ? text.slice(0, room) : text, { append: true });
    } catch {
      // The file vanished (e.g. `rm` in the same pipeline): output is lost, as with a deleted inode.
    }
  }
}

export interface IO {
  stdin: InputStream;
  stdout: OutputTarget;
  stderr: OutputTarget;
  /** stdout is the terminal itself. */
  tty: boolean;
}
