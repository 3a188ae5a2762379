import { describe, expect, it } from 'vitest';
import { Shell } from '../../../sandbox/shell/shell.ts';
import { makeHost, makeShell, result, run, sh } from './helpers.ts';

describe('alias and unalias', () => {
  it('expands aliases in command position on later lines', () => {
    const { shell } = makeShell({ 'a.txt': '1\n2\n' });
    expect(run(shell, 'alias ll="ls -l" c=cat wcl="wc -l"')).toEqual(result(''));
    expect(run(shell, 'alias')).toEqual(result("alias c='cat'\nalias ll='ls -l'\nalias wcl='wc -l'\n"));
    expect(run(shell, 'c a.txt | wcl')).toEqual(result('2\n'));
    expect(run(shell, 'X=1 wcl < a.txt')).toEqual(result('2\n'));
    expect(run(shell, 'echo c ll')).toEqual(result('c ll\n'));
    expect(run(shell, '"c" a.txt')).toEqual(result('', 'bash: c: command not found\n', 127));
    expect(run(shell, 'echo $(c a.txt)')).toEqual(result('1 2\n'));
    expect(run(shell, 'type ll')).toEqual(result("ll is aliased to `ls -l'\n"));
  });

  it('follows aliases of aliases but not loops', () => {
    const { shell } = makeShell();
    run(shell, 'alias ls="ls -F" ll="ls -1" a=b b=a; mkdir d');
    expect(run(shell, 'll')).toEqual(result('d/\n'));
    expect(run(shell, 'a')).toEqual(result('', 'bash: a: command not found\n', 127));
  });

  it('takes effect on the next line only, like bash', () => {
    const { shell } = makeShell();
    expect(run(shell, 'alias hi="echo hello"; hi')).toEqual(result('', 'bash: hi: command not found\n', 127));
    expect(run(shell, 'hi')).toEqual(result('hello\n'));
  });

  it('can hold operators and expand to nothing', () => {
    const { shell } = makeShell();
    run(shell, "alias count='wc -l |cat' nothing=''");
    expect(run(shell, 'seq 3 | count')).toEqual(result('3\n'));
    expect(run(shell, 'nothing; echo $?')).toEqual(result('0\n'));
  });

  it('is not used by scripts and bash -c, but by eval and source', () => {
    const { shell } = makeShell({ 's.sh': 'greet\n' });
    run(shell, 'alias greet="echo hi"');
    expect(run(shell, 'bash -c greet')).toEqual(result('', 'bash: greet: command not found\n', 127));
    expect(run(shell, 'bash s.sh')).toEqual(result('', 'bash: greet: command not found\n', 127));
    expect(run(shell, 'eval greet')).toEqual(result('hi\n'));
    expect(run(shell, 'source s.sh')).toEqual(result('hi\n'));
  });

  it('reports errors and removes aliases', () => {
    const { shell } = makeShell();
    run(shell, 'alias a=1 b=2');
    expect(run(shell, 'alias nosuch a')).toEqual(result("alias a='1'\n", 'bash: alias: nosuch: not found\n', 1));
    expect(run(shell, "alias 'x y=1'")).toEqual(result('', "bash: alias: `x y': invalid alias name\n", 1));
    expect(run(shell, 'unalias a; alias')).toEqual(result("alias b='2'\n"));
    expect(run(shell, 'unalias a')).toEqual(result('', 'bash: unalias: a: not found\n', 1));
    expect(run(shell, 'unalias -a; alias')).toEqual(result(''));
    expect(run(shell, "alias q=\"it's\"; alias q")).toEqual(result("alias q='it'\\''s'\n"));
  });

  it('completes alias names like commands', () => {
    const { shell } = makeShell();
    run(shell, 'alias kk=ls');
    expect(shell.complete('kk', 2)).toEqual({ from: 0, candidates: ['kk'] });
  });

  it('survives a state round trip', () => {
    const host = makeHost();
    const shell = new Shell(host);
    run(shell, 'alias k=echo');
    const restored = new Shell(host);
    restored.load(JSON.parse(JSON.stringify(shell.toJSON())), (id) => (id === host.id ? host : undefined));
    expect(run(restored, 'k restored')).toEqual(result('restored\n'));
  });
});

describe('set and eval', () => {
  it('set lists variables and accepts common options', () => {
    expect(sh('unset PATH USER PWD; X="a b"; set')).toEqual(result("HOME=/home/learner\nX='a b'\n"));
    expect(sh('set -euo pipefail; echo ok')).toEqual(result('ok\n'));
    expect(sh('set -Z')).toEqual(
      result('', 'bash: set: -Z: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n', 2),
    );
  });

  it('eval runs its arguments in the current shell', () => {
    expect(sh('cmd="X=5; echo \\$X"; eval $cmd; echo $X')).toEqual(result('5\n5\n'));
    expect(sh('eval "exit 3"; echo not-here')).toEqual(result('', '', 3));
  });
});

describe('positional parameters', () => {
  it('"$@" keeps arguments apart and vanishes when there are none', () => {
    const { shell } = makeShell({ 'args.sh': 'for a in "$@"; do echo "[$a]"; done; echo "n=$# all=$*"\n' });
    expect(run(shell, 'bash args.sh "a b" c')).toEqual(result('[a b]\n[c]\nn=2 all=a b c\n'));
    expect(run(shell, 'bash args.sh')).toEqual(result('n=0 all=\n'));
    expect(run(shell, 'bash -c \'printf "<%s>" "x$@"; echo\' zero')).toEqual(result('<x>\n'));
  });
});

describe('runOn', () => {
  it('runs a command on another host in a fresh session', () => {
    const workstation = makeHost();
    const pod = makeHost({ id: 'pod', hostname: 'web', home: '/root', user: 'root', files: { '/etc/resolv.conf': 'nameserver 10.0.0.10\n' } });
    workstation.commands.register({
      name: 'podexec',
      summary: 'run in the pod',
      run: (ctx) => ctx.shell.runOn(pod, ctx.argv.slice(1), ctx.stdin),
    });
    const shell = new Shell(workstation);
    expect(run(shell, 'podexec cat /etc/resolv.conf')).toEqual(result('nameserver 10.0.0.10\n'));
    expect(run(shell, 'podexec sh -c "pwd; hostname; cd /tmp"; pwd')).toEqual(result('/root\nweb\n/home/learner\n'));
    expect(run(shell, 'echo piped | podexec cat')).toEqual(result('piped\n'));
    expect(run(shell, 'podexec nosuch')).toEqual(result('', 'bash: nosuch: command not found\n', 127));
    expect(shell.current()).toBe(workstation);
  });
});
