import { describe, expect, it } from 'vitest';
import { FsError, MemFS, utf8Length } from '../../../sandbox/shell/memfs.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof FsError ? error.code : `not an FsError: ${String(error)}`;
  }
  return 'no error';
}

describe('MemFS', () => {
  it('resolves paths against a working directory', () => {
    const fs = new MemFS();
    expect(fs.resolve('/home/a', 'b/c')).toBe('/home/a/b/c');
    expect(fs.resolve('/home/a', '../b/./c/')).toBe('/home/b/c');
    expect(fs.resolve('/home/a', '/etc//hosts')).toBe('/etc/hosts');
    expect(fs.resolve('/', '../../..')).toBe('/');
    expect(fs.resolve('/x', '.')).toBe('/x');
  });

  it('writes, appends, reads and lists files', () => {
    const fs = new MemFS();
    fs.mkdir('/a/b', { recursive: true });
    fs.writeFile('/a/b/f.txt', 'one\n');
    fs.writeFile('/a/b/f.txt', 'two\n', { append: true });
    expect(fs.readFile('/a/b/f.txt')).toBe('one\ntwo\n');
    fs.writeFile('/a/b/f.txt', 'new');
    expect(fs.readFile('/a/b/f.txt')).toBe('new');
    fs.writeFile('/a/z', '');
    fs.writeFile('/a/B', '');
    expect(fs.list('/a')).toEqual(['B', 'b', 'z']);
    expect(fs.isDir('/a/b')).toBe(true);
    expect(fs.isFile('/a/b/f.txt')).toBe(true);
    expect(fs.exists('/a/nope')).toBe(false);
    expect(fs.stat('/a/b/f.txt')).toEqual({ type: 'file', size: 3, mode: 0o644 });
    expect(fs.stat('/a')).toEqual({ type: 'dir', size: 4096, mode: 0o755 });
  });

  it('reports errors with codes and coreutils descriptions', () => {
    const fs = new MemFS();
    fs.writeFile('/file', 'x');
    fs.mkdir('/dir');
    expect(code(() => fs.readFile('/missing'))).toBe('ENOENT');
    expect(code(() => fs.readFile('/dir'))).toBe('EISDIR');
    expect(code(() => fs.readFile('/file/x'))).toBe('ENOTDIR');
    expect(code(() => fs.writeFile('/nodir/x', ''))).toBe('ENOENT');
    expect(code(() => fs.writeFile('/dir', ''))).toBe('EISDIR');
    expect(code(() => fs.mkdir('/dir'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/a/b'))).toBe('ENOENT');
    expect(code(() => fs.mkdir('/file/sub', { recursive: true }))).toBe('ENOTDIR');
    expect(code(() => fs.list('/file'))).toBe('ENOTDIR');
    expect(code(() => fs.remove('/missing'))).toBe('ENOENT');
    expect(code(() => fs.remove('/'))).toBe('EINVAL');
    fs.writeFile('/dir/x', '');
    expect(code(() => fs.remove('/dir'))).toBe('ENOTEMPTY');
    fs.remove('/dir', { recursive: true });
    expect(fs.exists('/dir')).toBe(false);
    const error = new FsError('ENOENT', '/x');
    expect(error.description).toBe('No such file or directory');
    expect(error.message).toBe('/x: No such file or directory');
  });

  it('mkdir -p semantics: existing directories are fine', () => {
    const fs = new MemFS();
    fs.mkdir('/a/b/c', { recursive: true });
    fs.mkdir('/a/b/c', { recursive: true });
    expect(fs.isDir('/a/b/c')).toBe(true);
  });

  it('has a /dev/null that swallows writes and reads empty', () => {
    const fs = new MemFS();
    expect(fs.exists('/dev/null')).toBe(true);
    fs.writeFile('/dev/null', 'gone');
    fs.writeFile('/dev/null', 'gone', { append: true });
    expect(fs.readFile('/dev/null')).toBe('');
    expect(fs.stat('/dev/null').type).toBe('device');
    expect(fs.list('/dev')).toEqual(['null']);
  });

  it('renames files and directories', () => {
    const fs = MemFS.from({ '/a/x': '1', '/b/y': '2' });
    fs.rename('/a/x', '/b/z');
    expect(fs.readFile('/b/z')).toBe('1');
    expect(fs.exists('/a/x')).toBe(false);
    fs.rename('/b', '/c');
    expect(fs.list('/c')).toEqual(['y', 'z']);
    expect(code(() => fs.rename('/c', '/c/inner'))).toBe('EINVAL');
  });

  it('round-trips through JSON, including odd names', () => {
    const fs = MemFS.from({ '/home/u/notes.txt': 'hello\n', '/home/u/__proto__': 'odd', '/etc/hosts': '127.0.0.1 localhost\n' });
    fs.chmod('/home/u/notes.txt', 0o755);
    const json = JSON.parse(JSON.stringify(fs.toJSON()));
    const copy = MemFS.fromJSON(json);
    expect(copy.readFile('/home/u/notes.txt')).toBe('hello\n');
    expect(copy.readFile('/home/u/__proto__')).toBe('odd');
    expect(copy.stat('/home/u/notes.txt').mode).toBe(0o755);
    expect(copy.list('/')).toEqual(['dev', 'etc', 'home']);
    expect(JSON.stringify(copy.toJSON())).toBe(JSON.stringify(fs.toJSON()));
  });

  it('rejects malformed JSON with a clear message', () => {
    expect(() => MemFS.fromJSON(null)).toThrow('MemFS.fromJSON: expected an object');
    expect(() => MemFS.fromJSON({ version: 2, root: {} })).toThrow('MemFS.fromJSON: unsupported version 2');
    expect(() => MemFS.fromJSON({ version: 1, root: { type: 'file', content: 'x' } })).toThrow('/ must be a directory');
    expect(() =>
      MemFS.fromJSON({ version: 1, root: { type: 'dir', entries: { a: { type: 'file', content: 5 } } } }),
    ).toThrow('MemFS.fromJSON: /a: file content must be a string');
    expect(() =>
      MemFS.fromJSON({ version: 1, root: { type: 'dir', entries: { 'a/b': { type: 'file', content: '' } } } }),
    ).toThrow('invalid entry name "a/b"');
    expect(() =>
      MemFS.fromJSON({ version: 1, root: { type: 'dir', entries: { a: { type: 'link' } } } }),
    ).toThrow('/a: unknown entry type "link"');
    expect(() => MemFS.fromJSON({ version: 1, root: { type: 'dir', entries: [] } })).toThrow('entries must be an object');
    expect(() =>
      MemFS.fromJSON({ version: 1, root: { type: 'dir', entries: {}, mode: 99999 } }),
    ).toThrow('invalid mode 99999');
    let deep: unknown = { type: 'file', content: '' };
    for (let i = 0; i < 400; i++) deep = { type: 'dir', entries: { d: deep } };
    expect(() => MemFS.fromJSON({ version: 1, root: deep })).toThrow('directory tree too deep');
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('hello')).toBe(5);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
