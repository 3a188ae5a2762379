import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecResult } from '../../../sandbox/api.ts';
import { makeShell, result, run, sh } from './helpers.ts';

function wellFormed(r: ExecResult): void {
  expect(typeof r.stdout).toBe('string');
  expect(typeof r.stderr).toBe('string');
  expect(Number.isInteger(r.exitCode)).toBe(true);
  expect(r.exitCode).toBeGreaterThanOrEqual(0);
  expect(r.exitCode).toBeLessThanOrEqual(255);
}

describe('robustness', () => {
  it('runs a 1 MB argument', () => {
    const big = 'x'.repeat(1024 * 1024);
    expect(sh(`echo ${big} | wc -c`)).toEqual(result('1048577\n'));
    expect(sh(`echo "${big}" | wc -c`)).toEqual(result('1048577\n'));
  });

  it('buffers a 1 MB unbalanced paste, then finishes it', () => {
    const { shell } = makeShell();
    const big = 'y'.repeat(1024 * 1024);
    expect(shell.exec(`echo "${big}`).incomplete).toBe(true);
    expect(shell.exec('"').stdout.length).toBe(1024 * 1024 + 2);
  });

  it('discards input beyond the buffer limit', () => {
    const { shell } = makeShell();
    const chunk = 'z'.repeat(5 * 1024 * 1024);
    expect(shell.exec(`echo "${chunk}`).incomplete).toBe(true);
    expect(shell.exec(chunk)).toEqual(result('', 'bash: input longer than 8388608 characters; discarded\n', 1));
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
  });

  it('caps output at 2 MB per line and says so', () => {
    const r = sh('seq 1000000');
    expect(r.stdout.length).toBe(2 * 1024 * 1024);
    expect(r.stderr).toBe('bash: output truncated to 2097152 characters\n');
  });

  it('survives deep $( ) nesting, running what is reasonable', () => {
    const nested = (n: number): string => `${'$(echo '.repeat(n)}deep${')'.repeat(n)}`;
    expect(sh(`echo ${nested(40)}`)).toEqual(result('deep\n'));
    expect(sh(`echo ${nested(10000)}`)).toEqual(result('', 'bash: syntax error: nesting too deep\n', 2));
    expect(sh(`echo ${'"$(echo '.repeat(30)}q${')"'.repeat(30)}`)).toEqual(result('q\n'));
    expect(sh(`echo ${'`echo '.repeat(1)}bq${'`'.repeat(1)}`)).toEqual(result('bq\n'));
  });

  it('survives pathological inputs', () => {
    const inputs = [
      '\u0000\u0001\u0002\u00ff\ufffd',
      '(((((((((((((((((((((((('.repeat(1000),
      '))))))))))'.repeat(1000),
      '"'.repeat(100001),
      "'".repeat(100000),
      '${'.repeat(50000),
      '$(('.repeat(30000),
      '`'.repeat(9999),
      '<<'.repeat(10000),
      '{a,b}'.repeat(40),
      '{1..99999999}',
      'echo {1..100000}',
      '|'.repeat(100000),
      `${'a=$a$a;'.repeat(30)}`,
      ';'.repeat(100000),
      '\\'.repeat(100001),
      Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
    ];
    const { shell } = makeShell();
    for (const input of inputs) {
      const r = shell.exec(input);
      wellFormed(r);
      shell.cancel();
    }
    expect(run(shell, 'echo alive')).toEqual(result('alive\n'));
  });

  it('never throws on random input (fuzz)', () => {
    const alphabet = fc.constantFrom(
      ...'ab $(){}[]<>|&;`\'"\\\n\t#~*?=-!0123456789'.split(''),
      'echo ', 'cat ', 'grep ', 'sed ', 'for ', 'in ', 'do ', 'done', 'if ', 'then ', 'fi', '<<EOF', 'EOF', '${x:-', '$((', '2>&1',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (pieces) => {
        const { shell } = makeShell({ 'f.txt': 'a\nb\n' });
        const r = shell.exec(pieces.join(''));
        wellFormed(r);
        shell.cancel();
        const c = shell.complete(pieces.join(''), pieces.join('').length);
        expect(Array.isArray(c.candidates)).toBe(true);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('gives every builtin garbage arguments without throwing', () => {
    const { shell } = makeShell({ 'f.txt': 'a\nb\n' });
    const names = shell.current().commands.names();
    const junk = ['-', '--', '-x', '--nope', '-n', '-9999999999', '\u0000', '"$(echo)"', 'f.txt', '/', '[', ']', '{,}'];
    for (const name of names.filter((n) => n !== 'exit' && n !== 'bash' && n !== 'sh')) {
      for (const arg of junk) {
        const r = shell.exec(`'${name}' ${arg} < f.txt`);
        wellFormed(r);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    }
  });
});
