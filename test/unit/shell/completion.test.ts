import { describe, expect, it } from 'vitest';
import { Shell } from '../../../sandbox/shell/shell.ts';
import { makeHost, result } from './helpers.ts';

function shellWithFiles(): Shell {
  const host = makeHost({
    files: { 'notes.txt': 'x', 'nodes/a.yaml': '', 'nodes/b.yaml': '', 'my file.txt': '', '.hidden': '' },
  });
  host.commands.register({
    name: 'kubectl',
    summary: 'control Kubernetes',
    run: () => result(''),
    complete: (words) => {
      if (words.length === 1) return ['get', 'describe', 'apply'].filter((w) => w.startsWith(words[0]));
      if (words[0] === 'get' && words.length === 2) return ['pods', 'nodes', 'services'].filter((w) => w.startsWith(words[1]));
      return [];
    },
  });
  host.commands.register({
    name: 'broken',
    summary: 'completion throws',
    run: () => result(''),
    complete: () => {
      throw new Error('bad');
    },
  });
  const shell = new Shell(host);
  shell.exec('export KUBECONFIG=/k; LOCAL=1');
  return shell;
}

function complete(shell: Shell, line: string, cursor = line.length) {
  return shell.complete(line, cursor);
}

describe('completion', () => {
  const shell = shellWithFiles();

  it('completes command names in command position', () => {
    expect(complete(shell, 'ec')).toEqual({ from: 0, candidates: ['echo'] });
    expect(complete(shell, 'h')).toEqual({ from: 0, candidates: ['head', 'help', 'history', 'hostname'] });
    expect(complete(shell, 'echo hi | gr')).toEqual({ from: 10, candidates: ['grep'] });
    expect(complete(shell, 'ls && ech')).toEqual({ from: 6, candidates: ['echo'] });
    expect(complete(shell, 'ls; ku')).toEqual({ from: 4, candidates: ['kubectl'] });
    expect(complete(shell, 'X=1 ec')).toEqual({ from: 4, candidates: ['echo'] });
    expect(complete(shell, 'echo $(ca')).toEqual({ from: 7, candidates: ['cat'] });
    expect(complete(shell, 'zzz')).toEqual({ from: 0, candidates: [] });
  });

  it('completes variable names after $', () => {
    expect(complete(shell, 'echo $KUBE')).toEqual({ from: 5, candidates: ['$KUBECONFIG'] });
    expect(complete(shell, 'echo $LO')).toEqual({ from: 5, candidates: ['$LOCAL'] });
    expect(complete(shell, 'echo ${HO')).toEqual({ from: 5, candidates: ['${HOME}'] });
    expect(complete(shell, 'echo x$PW')).toEqual({ from: 6, candidates: ['$PWD'] });
  });

  it("uses a command's own completion, then files", () => {
    expect(complete(shell, 'kubectl g')).toEqual({ from: 8, candidates: ['get'] });
    expect(complete(shell, 'kubectl get no')).toEqual({ from: 12, candidates: ['nodes'] });
    expect(complete(shell, 'kubectl get nodes no')).toEqual({ from: 18, candidates: ['nodes/', 'notes.txt'] });
    expect(complete(shell, 'broken no')).toEqual({ from: 7, candidates: ['nodes/', 'notes.txt'] });
  });

  it('completes paths, marking directories and escaping specials', () => {
    expect(complete(shell, 'cat no')).toEqual({ from: 4, candidates: ['nodes/', 'notes.txt'] });
    expect(complete(shell, 'cat nodes/')).toEqual({ from: 4, candidates: ['nodes/a.yaml', 'nodes/b.yaml'] });
    expect(complete(shell, 'cat my')).toEqual({ from: 4, candidates: ['my\\ file.txt'] });
    expect(complete(shell, 'cat "my')).toEqual({ from: 4, candidates: ['"my file.txt'] });
    expect(complete(shell, 'cat .h')).toEqual({ from: 4, candidates: ['.hidden'] });
    expect(complete(shell, 'cat ~')).toEqual({ from: 4, candidates: ['~/'] });
    expect(complete(shell, 'cat ~/no')).toEqual({ from: 4, candidates: ['~/nodes/', '~/notes.txt'] });
    expect(complete(shell, 'ls /t')).toEqual({ from: 3, candidates: ['/tmp/'] });
    expect(complete(shell, 'echo x > no')).toEqual({ from: 9, candidates: ['nodes/', 'notes.txt'] });
    expect(complete(shell, 'cd n')).toEqual({ from: 3, candidates: ['nodes/'] });
    expect(complete(shell, 'cat nosuchdir/x')).toEqual({ from: 4, candidates: [] });
    expect(complete(shell, './no')).toEqual({ from: 0, candidates: ['./nodes/', './notes.txt'] });
  });

  it('completes the word under the cursor, not the end of the line', () => {
    expect(complete(shell, 'cat no | wc', 6)).toEqual({ from: 4, candidates: ['nodes/', 'notes.txt'] });
    expect(complete(shell, 'ec hi', 2)).toEqual({ from: 0, candidates: ['echo'] });
  });

  it('returns an empty answer at a blank position', () => {
    expect(complete(shell, 'cat ').from).toBe(4);
    expect(complete(shell, '', 0)).toEqual({ from: 0, candidates: shell.current().commands.names() });
  });

  it('never throws on odd input', () => {
    expect(complete(shell, 'echo "unterminated $(', 999).candidates).toEqual(expect.any(Array));
    expect(complete(shell, 'x', -5)).toEqual({ from: 0, candidates: shell.current().commands.names() });
    expect(complete(shell, '\u0000\uffff', Number.NaN).candidates).toEqual([]);
  });
});
