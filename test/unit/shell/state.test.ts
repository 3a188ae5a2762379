import { describe, expect, it } from 'vitest';
import { MemFS } from '../../../sandbox/shell/memfs.ts';
import { Shell, type ShellState } from '../../../sandbox/shell/shell.ts';
import type { Host } from '../../../sandbox/shell/types.ts';
import { makeHost, result, run } from './helpers.ts';

function world(): { workstation: Host; pod: Host; resolve: (id: string) => Host | undefined } {
  const workstation = makeHost();
  const pod = makeHost({ id: 'pod-1', user: 'root', hostname: 'web', home: '/root', kind: 'pod' });
  workstation.commands.register({
    name: 'kexec',
    summary: 'enter the pod',
    run: (ctx) => {
      ctx.shell.enter(pod);
      return result('');
    },
  });
  const hosts = new Map([
    [workstation.id, workstation],
    [pod.id, pod],
  ]);
  return { workstation, pod, resolve: (id) => hosts.get(id) };
}

describe('shell state', () => {
  it('round-trips cwd, variables, export flags, $? and history per session', () => {
    const a = world();
    const shell = new Shell(a.workstation);
    run(shell, 'cd /tmp; export CLUSTER=aks1; LOCAL=x; export PENDING', 'kexec', 'cd /; Y=2; false');
    const state = JSON.parse(JSON.stringify(shell.toJSON())) as ShellState;
    expect(state.sessions.map((s) => [s.host, s.cwd, s.lastExit])).toEqual([
      ['workstation', '/tmp', 0],
      ['pod-1', '/', 1],
    ]);

    const b = world();
    b.workstation.fs = MemFS.fromJSON(JSON.parse(JSON.stringify(a.workstation.fs.toJSON())));
    const restored = new Shell(b.workstation);
    restored.load(state, b.resolve);
    expect(restored.current()).toBe(b.pod);
    expect(restored.prompt()).toBe('root@web:/# ');
    expect(run(restored, 'echo $? $Y')).toEqual(result('1 2\n'));
    expect(run(restored, 'exit')).toEqual(result(''));
    expect(run(restored, 'pwd; echo $CLUSTER $LOCAL; env | grep -c -e CLUSTER -e LOCAL; export | grep PENDING')).toEqual(
      result('/tmp\naks1 x\n1\ndeclare -x PENDING\n'),
    );
    expect(restored.history()).toEqual([
      'cd /tmp; export CLUSTER=aks1; LOCAL=x; export PENDING',
      'kexec',
      'cd /; Y=2; false',
      'echo $? $Y',
      'exit',
      'pwd; echo $CLUSTER $LOCAL; env | grep -c -e CLUSTER -e LOCAL; export | grep PENDING',
    ]);
  });

  it('rejects malformed state with a clear message and changes nothing', () => {
    const { workstation, resolve } = world();
    const shell = new Shell(workstation);
    run(shell, 'cd /tmp');
    const good = shell.toJSON();
    const bad = (mutate: (s: Record<string, unknown>) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(good));
      mutate(copy);
      return copy;
    };
    const cases: [unknown, string][] = [
      [null, 'shell state: expected an object'],
      [bad((s) => (s.version = 9)), 'shell state: unsupported version 9'],
      [bad((s) => (s.history = 'x')), 'shell state: history must be an array of strings'],
      [bad((s) => (s.sessions = [])), 'shell state: sessions must be a non-empty array'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].host = 'mars')), 'shell state: sessions[0]: unknown host "mars"'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].cwd = 'relative')), 'shell state: sessions[0]: cwd must be an absolute path'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].lastExit = 300)), 'shell state: sessions[0]: lastExit must be an integer 0-255'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].vars = [['1bad', 'x']])), 'shell state: sessions[0]: bad variable name "1bad"'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].vars = [['A']])), 'shell state: sessions[0]: bad variable entry ["A"]'],
      [bad((s) => ((s.sessions as Record<string, unknown>[])[0].exported = [5])), 'shell state: sessions[0]: bad exported name 5'],
    ];
    for (const [state, message] of cases) {
      expect(() => shell.load(state as ShellState, resolve)).toThrow(message);
    }
    expect(shell.prompt()).toBe('learner@workstation:/tmp$ ');
  });

  it('does not keep a half-typed command across a load', () => {
    const { workstation, resolve } = world();
    const shell = new Shell(workstation);
    const state = shell.toJSON();
    shell.exec('echo "open');
    shell.load(state, resolve);
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
  });
});
