import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../site/scripts/terminal/keys.ts';

describe('tokenize', () => {
  it('groups printable characters into text', () => {
    expect(tokenize('kubectl get')).toEqual([{ kind: 'text', text: 'kubectl get' }]);
  });

  it('recognises control keys and escape sequences', () => {
    const keys = tokenize('\x01\x05\x15\x0b\x17\x03\x0c\t\r\x7f\x1b[A\x1b[B\x1bOC\x1b[D\x1b[H\x1b[F\x1b[3~\x1b[1;5D').map((t) =>
      t.kind === 'key' ? t.key : t.text,
    );
    expect(keys).toEqual([
      'home', 'end', 'kill-to-start', 'kill-to-end', 'delete-word', 'interrupt', 'clear-screen', 'tab', 'enter',
      'backspace', 'up', 'down', 'right', 'left', 'home', 'end', 'delete', 'word-left',
    ]);
  });

  it('splits a multi-line paste into lines and Enters', () => {
    expect(tokenize('echo a\recho b\r\nlast')).toEqual([
      { kind: 'text', text: 'echo a' },
      { kind: 'key', key: 'enter' },
      { kind: 'text', text: 'echo b' },
      { kind: 'key', key: 'enter' },
      { kind: 'text', text: 'last' },
    ]);
  });

  it('reports a lone Escape and skips unknown sequences', () => {
    expect(tokenize('\x1b')).toEqual([{ kind: 'key', key: 'escape' }]);
    expect(tokenize('\x1b[15~x')).toEqual([{ kind: 'key', key: 'unknown' }, { kind: 'text', text: 'x' }]);
  });
});
