import { describe, expect, it } from 'vitest';
import {
  cursorMove,
  HISTORY_LIMIT,
  LineEditor,
  renderFull,
  renderUpdate,
  visibleWidth,
  type EditorState,
} from '../../../site/scripts/terminal/line-editor.ts';
import { FakeScreen } from './fake-screen.ts';

function editor(buffer: string, cursor = buffer.length, history: string[] = []): LineEditor {
  const e = new LineEditor(history);
  e.insert(buffer);
  e.cursor = cursor;
  return e;
}

describe('LineEditor editing', () => {
  it('inserts at the cursor and moves it', () => {
    const e = editor('helo', 3);
    e.insert('l');
    expect(e.state).toEqual({ buffer: 'hello', cursor: 4 });
  });

  it('never lets control characters into the buffer', () => {
    const e = editor('');
    e.insert('a\x1b[Ab\tc\x7f');
    expect(e.buffer).toBe('a[Abc');
  });

  it('moves left/right within bounds and jumps home/end', () => {
    const e = editor('abc', 1);
    e.left();
    e.left();
    expect(e.cursor).toBe(0);
    e.end();
    e.right();
    expect(e.cursor).toBe(3);
    e.home();
    expect(e.cursor).toBe(0);
  });

  it('backspace deletes before the cursor, delete under it', () => {
    const e = editor('abcd', 2);
    e.backspace();
    expect(e.state).toEqual({ buffer: 'acd', cursor: 1 });
    e.delete();
    expect(e.state).toEqual({ buffer: 'ad', cursor: 1 });
    e.home();
    e.backspace();
    e.end();
    e.delete();
    expect(e.state).toEqual({ buffer: 'ad', cursor: 2 });
  });

  it('Ctrl-U kills to the start, Ctrl-K to the end', () => {
    const e = editor('kubectl get pods', 8);
    e.killToEnd();
    expect(e.state).toEqual({ buffer: 'kubectl ', cursor: 8 });
    const f = editor('kubectl get pods', 8);
    f.killToStart();
    expect(f.state).toEqual({ buffer: 'get pods', cursor: 0 });
  });

  it('Ctrl-W deletes the previous word and the spaces after it', () => {
    const e = editor('kubectl get  pods  ');
    e.deleteWordBack();
    expect(e.state).toEqual({ buffer: 'kubectl get  ', cursor: 13 });
    e.deleteWordBack();
    expect(e.state).toEqual({ buffer: 'kubectl ', cursor: 8 });
    const mid = editor('echo hello world', 10);
    mid.deleteWordBack();
    expect(mid.state).toEqual({ buffer: 'echo  world', cursor: 5 });
    const start = editor('abc', 0);
    start.deleteWordBack();
    expect(start.state).toEqual({ buffer: 'abc', cursor: 0 });
  });

  it('moves by words', () => {
    const e = editor('az aks show', 11);
    e.wordLeft();
    expect(e.cursor).toBe(7);
    e.wordLeft();
    expect(e.cursor).toBe(3);
    e.wordRight();
    expect(e.cursor).toBe(6);
  });

  it('replaces a range for completion', () => {
    const e = editor('kubectl ge pods', 10);
    e.replaceRange(8, 10, 'get ');
    expect(e.state).toEqual({ buffer: 'kubectl get  pods', cursor: 12 });
  });
});

describe('LineEditor history', () => {
  it('walks back and forth and keeps the line being typed', () => {
    const e = new LineEditor(['one', 'two']);
    e.insert('dra');
    e.historyPrev();
    expect(e.state).toEqual({ buffer: 'two', cursor: 3 });
    e.historyPrev();
    e.historyPrev();
    expect(e.buffer).toBe('one');
    e.historyNext();
    expect(e.buffer).toBe('two');
    e.historyNext();
    expect(e.state).toEqual({ buffer: 'dra', cursor: 3 });
    e.historyNext();
    expect(e.buffer).toBe('dra');
  });

  it('records accepted lines, skipping blank ones, and resets browsing', () => {
    const e = new LineEditor(['old']);
    e.insert('new');
    expect(e.accept()).toBe('new');
    e.insert('   ');
    expect(e.accept()).toBe('   ');
    expect(e.entries()).toEqual(['old', 'new']);
    e.historyPrev();
    expect(e.buffer).toBe('new');
    e.reset();
    expect(e.state).toEqual({ buffer: '', cursor: 0 });
    e.historyPrev();
    expect(e.buffer).toBe('new');
  });

  it('caps history at the limit, dropping the oldest', () => {
    const start = Array.from({ length: HISTORY_LIMIT + 10 }, (_, i) => `cmd ${i}`);
    const e = new LineEditor(start);
    expect(e.entries()).toHaveLength(HISTORY_LIMIT);
    e.insert('last');
    e.accept();
    const entries = e.entries();
    expect(entries).toHaveLength(HISTORY_LIMIT);
    expect(entries[0]).toBe('cmd 11');
    expect(entries.at(-1)).toBe('last');
  });
});

describe('rendering', () => {
  it('measures prompts without their colour codes', () => {
    expect(visibleWidth('\x1b[32muser@lab\x1b[0m:~$ ')).toBe(12);
    expect(visibleWidth('> ')).toBe(2);
  });

  it('moves across wrapped rows', () => {
    expect(cursorMove(5, 5, 10)).toBe('');
    expect(cursorMove(12, 3, 10)).toBe('\x1b[1A\x1b[1C');
    expect(cursorMove(3, 27, 10)).toBe('\x1b[2B\x1b[4C');
  });

  it('writes only the typed characters when typing at the end', () => {
    const out = renderUpdate({ buffer: 'ec', cursor: 2 }, { buffer: 'ech', cursor: 3 }, { promptWidth: 2, cols: 80 });
    expect(out).toBe('h');
  });

  /** Draws `prompt + from`, applies the update to `to`, and returns what the screen shows. */
  function drawn(prompt: string, from: EditorState, to: EditorState, cols: number) {
    const screen = new FakeScreen(cols);
    screen.write(renderFull(prompt, from, cols));
    screen.write(renderUpdate(from, to, { promptWidth: visibleWidth(prompt), cols }));
    const fresh = new FakeScreen(cols);
    fresh.write(renderFull(prompt, to, cols));
    return { screen, fresh };
  }

  const cases: Array<[string, EditorState, EditorState]> = [
    ['insert in the middle', { buffer: 'helo', cursor: 3 }, { buffer: 'hello', cursor: 4 }],
    ['delete shortening the line', { buffer: 'hello world', cursor: 11 }, { buffer: 'hello', cursor: 5 }],
    ['history swap to a longer line', { buffer: 'ls', cursor: 2 }, { buffer: 'kubectl get pods -A -o wide', cursor: 27 }],
    ['history swap to a shorter wrapped line', { buffer: 'x'.repeat(30), cursor: 30 }, { buffer: 'abc', cursor: 3 }],
    ['cursor move across rows', { buffer: 'y'.repeat(25), cursor: 25 }, { buffer: 'y'.repeat(25), cursor: 2 }],
    ['line ending exactly at the margin', { buffer: 'abcdefg', cursor: 7 }, { buffer: 'abcdefgh', cursor: 8 }],
    ['kill to start of a wrapped line', { buffer: 'z'.repeat(23), cursor: 12 }, { buffer: 'z'.repeat(11), cursor: 0 }],
  ];

  for (const [name, from, to] of cases) {
    it(`redraws correctly: ${name}`, () => {
      const { screen, fresh } = drawn('$ ', from, to, 10);
      expect(screen.lines).toEqual(fresh.lines);
      expect(screen.cursor).toEqual(fresh.cursor);
      const offset = 2 + to.cursor;
      expect(screen.cursor).toEqual([Math.floor(offset / 10), offset % 10]);
    });
  }

  it('keeps the cursor out of the pending-wrap column when the line fills a row', () => {
    const screen = new FakeScreen(10);
    screen.write(renderFull('$ ', { buffer: '12345678', cursor: 8 }, 10));
    expect(screen.cursor).toEqual([1, 0]);
    expect(screen.lines).toEqual(['$ 12345678']);
  });
});
