import { describe, expect, it } from 'vitest';
import { parse } from '../../../sandbox/shell/parser.ts';

function status(src: string): string {
  const r = parse(src);
  return r.status === 'error' ? r.message : r.status;
}

describe('parse: complete, incomplete or broken', () => {
  it.each([
    'echo hi',
    'a | b && c || d; e',
    'cat <<EOF\nhi\nEOF',
    'cat <<EOF\nhi\nEOF\n',
    'echo $(echo $(echo hi))',
    'echo "$(echo "x")"',
    'for i in 1 2; do echo $i; done',
    'if a; then b; elif c; then d; else e; fi',
    'while false; do :; done',
    '{ echo a; echo b; } > f',
    '( cd /; ls )',
    'echo a\\\nb',
    'x=1 y=2',
    '# just a comment',
    '',
    'echo ${x:-a b} ${#x} ${x/a/b} ${x:1:2}',
    'echo $((1 + (2 * 3)))',
    '(( x > 1 )) && echo yes',
    'for (( i = 0; i < 3; i++ )); do echo $i; done',
  ])('%j is ok', (src) => {
    expect(status(src)).toBe('ok');
  });

  it.each([
    'echo "open',
    "echo 'open",
    'echo a |',
    'echo a &&',
    'echo a ||',
    'echo a \\',
    'cat <<EOF',
    'cat <<EOF\nbody',
    'cat <<EOF\nbody\n',
    'echo $(echo',
    'echo `echo',
    'echo ${x',
    'if true; then',
    'for i in 1; do',
    'while true',
    '{ echo',
    '( echo',
    'echo $((1+',
    'echo "$(echo \'a)"',
    '(( 1 +',
    'for (( i = 0; i < 3; i++ ))',
  ])('%j needs more input', (src) => {
    expect(status(src)).toBe('incomplete');
  });

  it.each([
    ['| ls', '|'],
    ['ls ;;', ';;'],
    [';', ';'],
    ['ls >', 'newline'],
    ['ls > |', '|'],
    ['echo )', ')'],
    ['fi', 'fi'],
    ['then', 'then'],
    ['done', 'done'],
    ['if true; then fi', 'fi'],
    ['echo $(ls |)', ')'],
    ['&& ls', '&&'],
    ['cat <<', 'newline'],
    ['ls & & ls', '&'],
    ['if true; then echo; fi x', 'x'],
  ])('%j is a syntax error near %j', (src, token) => {
    expect(status(src)).toBe(`bash: syntax error near unexpected token \`${token}'`);
  });

  it('reports an early syntax error even when a quote is still open', () => {
    expect(status('| echo "abc')).toBe("bash: syntax error near unexpected token `|'");
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = `${'$('.repeat(5000)}echo${')'.repeat(5000)}`;
    expect(status(deep)).toBe('bash: syntax error: nesting too deep');
    const braces = `echo ${'${x:-'.repeat(5000)}${'}'.repeat(5000)}`;
    expect(status(braces)).toBe('bash: syntax error: nesting too deep');
    const groups = `${'( '.repeat(5000)}ls${' )'.repeat(5000)}`;
    expect(status(groups)).toBe('bash: syntax error: nesting too deep');
    const ifs = `${'if true; then '.repeat(3000)}ls${'; fi'.repeat(3000)}`;
    expect(status(ifs)).toBe('bash: syntax error: nesting too deep');
  });

  it('builds words with quoting information', () => {
    const r = parse(`echo a"b $X"'c' ~/d`);
    if (r.status !== 'ok') throw new Error(r.status);
    const cmd = r.program.items[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error(cmd.kind);
    expect(cmd.words.map((w) => w.raw)).toEqual(['echo', `a"b $X"'c'`, '~/d']);
    expect(cmd.words[1].parts).toEqual([
      { kind: 'lit', text: 'a', quoted: false },
      { kind: 'lit', text: '', quoted: true },
      { kind: 'lit', text: 'b ', quoted: true },
      { kind: 'param', name: 'X', op: '', arg: null, arg2: null, quoted: true },
      { kind: 'lit', text: 'c', quoted: true },
    ]);
    expect(cmd.words[2].parts[0]).toEqual({ kind: 'tilde' });
  });

  it('separates assignments, words and redirections', () => {
    const r = parse('A=1 B+=2 cmd x=y 2>&1 >out <<<"s"');
    if (r.status !== 'ok') throw new Error(r.status);
    const cmd = r.program.items[0].first.commands[0];
    if (cmd.kind !== 'simple') throw new Error(cmd.kind);
    expect(cmd.assigns.map((a) => [a.name, a.append, a.value.raw])).toEqual([
      ['A', false, '1'],
      ['B', true, '2'],
    ]);
    expect(cmd.words.map((w) => w.raw)).toEqual(['cmd', 'x=y']);
    expect(cmd.redirects.map((r) => [r.fd, r.op, r.target?.raw])).toEqual([
      [2, '>&', '1'],
      [null, '>', 'out'],
      [null, '<<<', '"s"'],
    ]);
  });
});
