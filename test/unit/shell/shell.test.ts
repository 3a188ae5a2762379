import { describe, expect, it } from 'vitest';
import { Shell } from '../../../sandbox/shell/shell.ts';
import { makeHost, makeShell, result, run } from './helpers.ts';

describe('prompt', () => {
  it('shows user, host and the directory relative to home', () => {
    const { shell } = makeShell();
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
    run(shell, 'mkdir -p a/b; cd a/b');
    expect(shell.prompt()).toBe('learner@workstation:~/a/b$ ');
    run(shell, 'cd /tmp');
    expect(shell.prompt()).toBe('learner@workstation:/tmp$ ');
    run(shell, 'mkdir /home/learner2; cd /home/learner2');
    expect(shell.prompt()).toBe('learner@workstation:/home/learner2$ ');
  });

  it('starts in / when the home directory is missing', () => {
    const host = makeHost();
    host.home = '/nowhere';
    const shell = new Shell(host);
    expect(shell.exec('pwd')).toEqual(result('/\n'));
  });
});

describe('continuation lines', () => {
  it.each([
    [['echo "open', 'still', 'closed"'], 'open\nstill\nclosed\n'],
    [["echo 'a", "b'"], 'a\nb\n'],
    [['echo one |', 'tr a-z A-Z'], 'ONE\n'],
    [['true &&', 'echo and'], 'and\n'],
    [['false ||', '', 'echo or'], 'or\n'],
    [['echo a \\', 'b'], 'a b\n'],
    [['cat <<EOF', 'line $HOME', 'EOF'], 'line /home/learner\n'],
    [['for i in 1 2', 'do', 'echo $i', 'done'], '1\n2\n'],
    [['if true', 'then echo yes', 'fi'], 'yes\n'],
    [['echo $(echo sub |', 'tr a-z A-Z)'], 'SUB\n'],
  ])('%j', (lines, stdout) => {
    const { shell } = makeShell();
    for (const line of lines.slice(0, -1)) {
      expect(shell.exec(line)).toEqual({ stdout: '', stderr: '', exitCode: 0, incomplete: true });
      expect(shell.prompt()).toBe('> ');
    }
    expect(shell.exec(lines[lines.length - 1])).toEqual(result(stdout));
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
    expect(shell.history()).toEqual([lines.join('\n')]);
  });

  it('keeps the previous exit code while incomplete', () => {
    const { shell } = makeShell();
    run(shell, 'false');
    expect(shell.exec('echo "x')).toEqual({ stdout: '', stderr: '', exitCode: 1, incomplete: true });
  });

  it('accepts a whole multi-line command in one call', () => {
    const { shell } = makeShell();
    expect(shell.exec('cat <<EOF\nhi\nEOF')).toEqual(result('hi\n'));
    expect(shell.exec('echo a\necho b')).toEqual(result('a\nb\n'));
    expect(shell.history()).toEqual(['cat <<EOF\nhi\nEOF', 'echo a\necho b']);
  });

  it('drops buffered input on cancel', () => {
    const { shell } = makeShell();
    expect(shell.exec('echo "abandoned').incomplete).toBe(true);
    shell.cancel();
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
    expect(shell.exec('echo fresh')).toEqual(result('fresh\n'));
    expect(shell.history()).toEqual(['echo fresh']);
  });

  it('reports a syntax error in a continued line and records it', () => {
    const { shell } = makeShell();
    shell.exec('echo a |');
    expect(shell.exec('| b')).toEqual(result('', "bash: syntax error near unexpected token `|'\n", 2));
    expect(shell.history()).toEqual(['echo a |\n| b']);
    expect(shell.exec('echo $?')).toEqual(result('2\n'));
  });
});

describe('blank lines and comments', () => {
  it('leave the exit code alone and print nothing', () => {
    const { shell } = makeShell();
    run(shell, 'false');
    expect(shell.exec('')).toEqual(result('', '', 1));
    expect(shell.exec('   ')).toEqual(result('', '', 1));
    expect(shell.exec('# a comment')).toEqual(result('', '', 1));
    expect(shell.history()).toEqual(['false', '# a comment']);
  });
});

describe('history limits', () => {
  it('keeps the last 1000 entries', () => {
    const { shell } = makeShell();
    for (let i = 0; i < 1005; i++) shell.exec(`true ${i}`);
    const history = shell.history();
    expect(history).toHaveLength(1000);
    expect(history[0]).toBe('true 5');
  });
});
