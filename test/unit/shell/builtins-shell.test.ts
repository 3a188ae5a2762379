import { describe, expect, it } from 'vitest';
import { registerBuiltins } from '../../../sandbox/shell/builtins/index.ts';
import { CommandRegistry } from '../../../sandbox/shell/registry.ts';
import { Shell } from '../../../sandbox/shell/shell.ts';
import { makeHost, makeShell, result, run, sh } from './helpers.ts';

describe('help', () => {
  it('lists every registered command with its summary, sorted', () => {
    const host = makeHost();
    host.commands.register({ name: 'kubectl', summary: 'control Kubernetes', run: () => result('') });
    const out = new Shell(host).exec('help').stdout;
    const lines = out.trimEnd().split('\n');
    const names = lines.map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(host.commands.names());
    expect(lines).toContain(`kubectl${' '.repeat(names.reduce((m, n) => Math.max(m, n.length), 0) + 2 - 'kubectl'.length)}control Kubernetes`);
    expect(names).toEqual(expect.arrayContaining(['cat', 'cd', 'echo', 'grep', 'help', 'ls', 'sed', 'xargs']));
  });

  it('describes one command, or says it has no topic', () => {
    expect(sh('help cd')).toEqual(result('cd: change the working directory\n'));
    expect(sh('help nosuch')).toEqual(
      result('', "bash: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n", 1),
    );
  });
});

describe('clear', () => {
  it('asks the terminal to clear its screen', () => {
    expect(sh('clear')).toEqual({ stdout: '', stderr: '', exitCode: 0, clearScreen: true });
  });
});

describe('history', () => {
  it('prints bash-style numbered entries including itself', () => {
    const { shell } = makeShell();
    run(shell, 'echo hi', '   ', 'ls |', 'wc -l');
    expect(run(shell, 'history')).toEqual(result('    1  echo hi\n    2  ls |\nwc -l\n    3  history\n'));
    expect(run(shell, 'history 2')).toEqual(result('    3  history\n    4  history 2\n'));
    expect(run(shell, 'history x')).toEqual(result('', 'bash: history: x: numeric argument required\n', 1));
    run(shell, 'history -c');
    expect(run(shell, 'history')).toEqual(result('    1  history\n'));
  });

  it('starts from setHistory', () => {
    const { shell } = makeShell();
    shell.setHistory(['echo old', '', 'ls']);
    expect(shell.history()).toEqual(['echo old', 'ls']);
    expect(run(shell, 'history')).toEqual(result('    1  echo old\n    2  ls\n    3  history\n'));
  });
});

describe('cd and pwd', () => {
  it('changes directory, with ~, - and no argument', () => {
    const { shell } = makeShell();
    expect(run(shell, 'mkdir -p a/b; cd a/b; pwd')).toEqual(result('/home/learner/a/b\n'));
    expect(shell.prompt()).toBe('learner@workstation:~/a/b$ ');
    expect(run(shell, 'cd /tmp; cd -')).toEqual(result('/home/learner/a/b\n'));
    expect(run(shell, 'cd ..; pwd; echo $PWD $OLDPWD')).toEqual(result('/home/learner/a\n/home/learner/a /home/learner/a/b\n'));
    expect(run(shell, 'cd; pwd')).toEqual(result('/home/learner\n'));
    expect(shell.prompt()).toBe('learner@workstation:~$ ');
    run(shell, 'cd /');
    expect(shell.prompt()).toBe('learner@workstation:/$ ');
  });

  it('reports errors like bash', () => {
    expect(sh('cd nosuch')).toEqual(result('', 'bash: cd: nosuch: No such file or directory\n', 1));
    expect(sh('touch f; cd f')).toEqual(result('', 'bash: cd: f: Not a directory\n', 1));
    expect(sh('cd a b')).toEqual(result('', 'bash: cd: too many arguments\n', 1));
    expect(sh('cd -')).toEqual(result('', 'bash: cd: OLDPWD not set\n', 1));
    expect(sh('unset HOME; cd')).toEqual(result('', 'bash: cd: HOME not set\n', 1));
    expect(sh('pwd -x')).toEqual(result('', 'bash: pwd: -x: invalid option\npwd: usage: pwd [-LP]\n', 2));
  });
});

describe('export, unset and env', () => {
  it('exports variables and lists them as declare -x', () => {
    const { shell } = makeShell();
    expect(run(shell, 'export A=1 B; C=3; export')).toEqual(
      result(
        'declare -x A="1"\ndeclare -x B\ndeclare -x HOME="/home/learner"\ndeclare -x PATH="/usr/local/bin:/usr/bin:/bin"\n' +
          'declare -x PWD="/home/learner"\ndeclare -x USER="learner"\n',
      ),
    );
    expect(run(shell, 'export Q=\'say "hi" $x\'; export | grep Q=')).toEqual(result('declare -x Q="say \\"hi\\" \\$x"\n'));
    expect(run(shell, 'B=2; env | grep ^B=')).toEqual(result('B=2\n'));
    expect(run(shell, 'export -n A; env | grep ^A=; echo $A')).toEqual(result('1\n'));
    expect(run(shell, 'export 1x=2 ok=1; echo $ok')).toEqual(result('1\n', "bash: export: `1x=2': not a valid identifier\n"));
  });

  it('prints env in creation order and runs commands with extra variables', () => {
    const { shell } = makeShell();
    expect(run(shell, 'export Z=last; env')).toEqual(
      result('HOME=/home/learner\nUSER=learner\nPATH=/usr/local/bin:/usr/bin:/bin\nPWD=/home/learner\nZ=last\n'),
    );
    expect(run(shell, 'env EXTRA=1 sh -c "echo \\$EXTRA"')).toEqual(result('1\n'));
    expect(run(shell, 'env nosuch')).toEqual(result('', 'env: ‘nosuch’: No such file or directory\n', 127));
  });

  it('unsets variables', () => {
    expect(sh('X=1; unset X; echo "[$X]"')).toEqual(result('[]\n'));
    expect(sh('unset 9x')).toEqual(result('', "bash: unset: `9x': not a valid identifier\n", 1));
  });
});

describe('read', () => {
  it('splits a line into variables, the last one taking the rest', () => {
    expect(sh('echo "a b c d" | { read x y; echo "$x|$y"; }')).toEqual(result('a|b c d\n'));
    expect(sh('read line <<< "  spaced  "; echo "[$line]"')).toEqual(result('[spaced]\n'));
    expect(sh('read -r raw <<< "a\\\\b"; echo "$raw"')).toEqual(result('a\\b\n'));
    expect(sh('read cooked <<< "a\\\\b"; echo "$cooked"')).toEqual(result('ab\n'));
    expect(sh('read x < /dev/null; echo $?')).toEqual(result('1\n'));
  });

  it('splits with IFS', () => {
    expect(sh('printf "a:b:c\\nd:e:f\\n" | while IFS=: read x y; do echo "$x|$y"; done')).toEqual(result('a|b:c\nd|e:f\n'));
    expect(sh('IFS=: read -r u p rest <<< "root:x:0:0::/root:/bin/bash"; echo "$u $p $rest"')).toEqual(
      result('root x 0:0::/root:/bin/bash\n'),
    );
    expect(sh('read a b c <<< "  one two three four  "; echo "$a|$b|$c"')).toEqual(result('one|two|three four\n'));
    expect(sh('read a b c <<< "solo"; echo "$a|$b|$c"')).toEqual(result('solo||\n'));
  });

  it('shares stdin between the commands of a list', () => {
    expect(sh('printf "1\\n2\\n3\\n" | { read a; read b; cat; }')).toEqual(result('3\n'));
  });
});

describe('true, false, :, sleep', () => {
  it('return the expected statuses', () => {
    expect(sh('true; echo $?; false; echo $?; : ignored args; echo $?')).toEqual(result('0\n1\n0\n'));
    expect(sh('sleep 5; echo done')).toEqual(result('done\n'));
    expect(sh('sleep')).toEqual(result('', "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1));
    expect(sh('sleep soon')).toEqual(result('', "sleep: invalid time interval ‘soon’\nTry 'sleep --help' for more information.\n", 1));
  });
});

describe('which and type', () => {
  it('finds registered commands in /usr/bin', () => {
    expect(sh('which ls grep')).toEqual(result('/usr/bin/ls\n/usr/bin/grep\n'));
    expect(sh('which nosuch; echo $?')).toEqual(result('1\n'));
    expect(sh('which ls nosuch')).toEqual(result('/usr/bin/ls\n', '', 1));
    expect(sh('type cd cat for nosuch')).toEqual(
      result('cd is a shell builtin\ncat is /usr/bin/cat\nfor is a shell keyword\n', 'bash: type: nosuch: not found\n', 1),
    );
  });
});

describe('exit and host sessions', () => {
  function twoHosts(): { shell: Shell; pod: ReturnType<typeof makeHost> } {
    const workstation = makeHost();
    const pod = makeHost({ id: 'pod-1', user: 'root', hostname: 'web-7d4b9', home: '/root', kind: 'pod' });
    pod.env = { HOME: '/root', HOSTNAME: 'web-7d4b9' };
    const registry = workstation.commands;
    registry.register({
      name: 'kexec',
      summary: 'enter the pod',
      run: (ctx) => {
        ctx.shell.enter(pod);
        return result('');
      },
    });
    return { shell: new Shell(workstation), pod };
  }

  it('enters another host and comes back with exit', () => {
    const { shell, pod } = twoHosts();
    expect(run(shell, 'cd /tmp; kexec')).toEqual(result(''));
    expect(shell.current()).toBe(pod);
    expect(shell.prompt()).toBe('root@web-7d4b9:~# ');
    expect(run(shell, 'pwd; echo $HOSTNAME')).toEqual(result('/root\nweb-7d4b9\n'));
    expect(run(shell, 'exit 7; echo not-run')).toEqual(result('', '', 7));
    expect(shell.current().id).toBe('workstation');
    expect(run(shell, 'echo $?; pwd')).toEqual(result('7\n/tmp\n'));
  });

  it('keeps going at the bottom session, preserving the exit code', () => {
    const { shell } = makeShell();
    expect(run(shell, 'false')).toEqual(result('', '', 1));
    expect(run(shell, 'exit')).toEqual(result('', '', 1));
    expect(run(shell, 'exit 5')).toEqual(result('', '', 5));
    expect(run(shell, 'echo still here')).toEqual(result('still here\n'));
    expect(run(shell, 'exit nope')).toEqual(result('', 'bash: exit: nope: numeric argument required\n', 2));
    expect(run(shell, 'exit 1 2')).toEqual(result('', 'bash: exit: too many arguments\n', 1));
  });

  it('ignores exit inside a subshell or pipeline', () => {
    const { shell } = twoHosts();
    run(shell, 'kexec');
    expect(run(shell, '(exit 2); echo $?; echo | exit 3; echo $?')).toEqual(result('2\n3\n'));
    expect(shell.current().id).toBe('pod-1');
  });

  it('offers bash as a nested shell on the same host', () => {
    const { shell } = makeShell();
    run(shell, 'bash');
    expect(run(shell, 'echo inner')).toEqual(result('inner\n'));
    run(shell, 'exit');
    expect(run(shell, 'echo outer')).toEqual(result('outer\n'));
  });
});

describe('custom commands', () => {
  it('receive argv, stdin, env, cwd and can run other commands', () => {
    const registry = new CommandRegistry();
    registerBuiltins(registry);
    const host = { ...makeHost(), commands: registry };
    registry.register({
      name: 'probe',
      summary: 'show what a command sees',
      run: (ctx) =>
        result(`${JSON.stringify({ argv: ctx.argv, stdin: ctx.stdin, v: ctx.env.V, cwd: ctx.cwd, tty: ctx.tty })}\n`),
    });
    registry.register({
      name: 'twice',
      summary: 'run a command twice',
      run: (ctx) => {
        const a = ctx.shell.run(ctx.argv.slice(1), 'in');
        const b = ctx.shell.run(ctx.argv.slice(1), 'in');
        return result(a.stdout + b.stdout, a.stderr + b.stderr, b.exitCode);
      },
    });
    registry.register({ name: 'boom', summary: 'throws', run: () => { throw new Error('kaput'); } });
    const shell = new Shell(host);
    expect(run(shell, 'echo data | V=1 probe a "b c"')).toEqual(
      result('{"argv":["probe","a","b c"],"stdin":"data\\n","v":"1","cwd":"/home/learner","tty":true}\n'),
    );
    expect(run(shell, 'probe | cat')).toEqual(result('{"argv":["probe"],"stdin":"","cwd":"/home/learner","tty":false}\n'));
    expect(run(shell, 'twice cat')).toEqual(result('inin'));
    expect(run(shell, 'twice nosuch')).toEqual(result('', 'bash: nosuch: command not found\n'.repeat(2), 127));
    expect(run(shell, 'boom')).toEqual(result('', 'boom: kaput\n', 1));
  });
});
