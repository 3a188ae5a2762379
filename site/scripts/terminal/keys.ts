// Turns the bytes xterm.js reports (typing, special keys, pastes) into editor tokens.
// A paste arrives as one chunk with `\r` between lines, so splitting it into text and
// Enter tokens is all multi-line paste needs: the session runs them in order.

export type KeyName =
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'kill-to-start'
  | 'kill-to-end'
  | 'delete-word'
  | 'interrupt'
  | 'clear-screen'
  | 'eof'
  | 'escape'
  | 'unknown';

export type InputToken = { kind: 'text'; text: string } | { kind: 'key'; key: KeyName };

/** Control characters (Ctrl + letter) the editor understands; others are ignored. */
const CONTROL: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x01': 'home', // Ctrl-A
  '\x05': 'end', // Ctrl-E
  '\x02': 'left', // Ctrl-B
  '\x06': 'right', // Ctrl-F
  '\x10': 'up', // Ctrl-P
  '\x0e': 'down', // Ctrl-N
  '\x15': 'kill-to-start', // Ctrl-U
  '\x0b': 'kill-to-end', // Ctrl-K
  '\x17': 'delete-word', // Ctrl-W
  '\x03': 'interrupt', // Ctrl-C
  '\x0c': 'clear-screen', // Ctrl-L
  '\x04': 'eof', // Ctrl-D
};

/** Escape sequences by their text after ESC (xterm sends both CSI and SS3 forms). */
const SEQUENCES: Record<string, KeyName> = {
  '[A': 'up',
  '[B': 'down',
  '[C': 'right',
  '[D': 'left',
  '[H': 'home',
  '[F': 'end',
  OA: 'up',
  OB: 'down',
  OC: 'right',
  OD: 'left',
  OH: 'home',
  OF: 'end',
  '[1~': 'home',
  '[7~': 'home',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[1;5C': 'word-right',
  '[1;5D': 'word-left',
  '[1;3C': 'word-right',
  '[1;3D': 'word-left',
  b: 'word-left', // Alt-B
  f: 'word-right', // Alt-F
};

// One escape sequence: CSI (ESC [ params final), SS3 (ESC O x) or ESC + one character.
const ESCAPE = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|[^[O])?/;

export function tokenize(data: string): InputToken[] {
  const tokens: InputToken[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    const ch = data[i]!;
    if (ch === '\x1b') {
      flush();
      const seq = ESCAPE.exec(data.slice(i))![0];
      tokens.push({ kind: 'key', key: seq.length === 1 ? 'escape' : (SEQUENCES[seq.slice(1)] ?? 'unknown') });
      i += seq.length;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      flush();
      // A pasted Windows line end is one Enter, not two.
      if (ch === '\r' && data[i + 1] === '\n') i++;
      tokens.push({ kind: 'key', key: CONTROL[ch] ?? 'unknown' });
      i++;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return tokens;
}
