import { describe, expect, it } from 'vitest';
import { parse } from '../../../sandbox/shell/parser.ts';
import { makeShell, result, run, sh } from './helpers.ts';

describe('shell functions', () => {
  it('define, call with arguments, and report with type', () => {
    const { shell } = makeShell();
    expect(run(shell, 'greet() { echo "hello $1 ($#)"; }')).toEqual(result(''));
    expect(run(shell, 'greet world; type greet')).toEqual(result('hello world (1)\ngreet is a function\n'));
    expect(run(shell, 'function twice { echo $1; echo $1; }; twice x | wc -l')).toEqual(result('2\n'));
    expect(run(shell, 'function paren() ( cd /tmp; pwd ); paren; pwd')).toEqual(result('/tmp\n/home/learner\n'));
    expect(shell.complete('gre', 3)).toEqual({ from: 0, candidates: ['greet', 'grep'] });
  });

  it('restore positional parameters and locals afterwards', () => {
    const { shell } = makeShell({ 's.sh': 'show() { echo "in:$1"; }\nshow inner\necho "out:$1"\n' });
    expect(run(shell, 'bash s.sh outer')).toEqual(result('in:inner\nout:outer\n'));
    expect(run(shell, 'x=global; f() { local x=inner y; y=1; echo $x$y; }; f; echo "$x[$y]"')).toEqual(result('inner1\nglobal[]\n'));
    expect(run(shell, 'V=outer; g() { echo $V; env | grep ^V=; }; V=prefix g; echo $V')).toEqual(result('prefix\nV=prefix\nouter\n'));
  });

  it('return a status and stop at the nesting limit', () => {
    expect(sh('r() { return 3; echo no; }; r; echo $?')).toEqual(result('3\n'));
    expect(sh('r() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo $i; done; }; r; echo $?')).toEqual(result('1\n7\n'));
    expect(sh('fact() { if (( $1 <= 1 )); then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 6')).toEqual(result('720\n'));
    expect(sh('inf() { inf; }; inf')).toEqual(result('', 'bash: inf: maximum function nesting level exceeded (100)\n', 1));
    expect(sh('return')).toEqual(result('', "bash: return: can only `return' from a function or sourced script\n", 1));
    expect(sh('local x')).toEqual(result('', 'bash: local: can only be used in a function\n', 1));
  });

  it('can be removed with unset -f', () => {
    expect(sh('f() { echo f; }; unset -f f; f')).toEqual(result('', 'bash: f: command not found\n', 127));
    expect(sh('ls() { echo shadowed; }; ls; command=1')).toEqual(result('shadowed\n'));
  });

  it('parse errors look like bash', () => {
    expect(sh('f() echo x')).toEqual(result('', "bash: syntax error near unexpected token `echo'\n", 2));
    const { shell } = makeShell();
    expect(shell.exec('f() {').incomplete).toBe(true);
    expect(shell.exec('echo body; }')).toEqual(result(''));
    expect(shell.exec('f')).toEqual(result('body\n'));
  });
});

describe('case', () => {
  it.each([
    ['case abc in a*) echo starts-a;; *) echo other;; esac', 'starts-a\n'],
    ['case x in a|b) echo ab;; x|y) echo xy;; esac', 'xy\n'],
    ['case "$HOME" in /home/*) echo home;; esac', 'home\n'],
    ['case z in a) echo a;; esac; echo $?', '0\n'],
    ['case "a*" in "a*") echo quoted;; esac', 'quoted\n'],
    ['case ab in (a?) echo paren;; esac', 'paren\n'],
    ['case q in\n  q)\n    echo multi\n    ;;\nesac', 'multi\n'],
    ['case k in k) ;; esac; echo $?', '0\n'],
  ])('%j', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });

  it('works inside $( ), where a pattern ) does not close the substitution', () => {
    expect(sh('x=$(case a in a) echo A;; esac); echo $x')).toEqual(result('A\n'));
    expect(sh('echo $(for i in 1 2; do case $i in 1) echo one;; *) echo other;; esac; done)')).toEqual(result('one other\n'));
    expect(sh('echo $(echo case) $(echo esac)')).toEqual(result('case esac\n'));
  });

  it('waits for esac', () => {
    expect(parse('case x in a) echo;;').status).toBe('incomplete');
    expect(parse('case x in a) echo;; esac').status).toBe('ok');
  });
});

describe('[[ ]]', () => {
  it.each([
    ['[[ abc == a* ]]', 0],
    ['[[ abc == "a*" ]]', 1],
    ['[[ abc != b* ]]', 0],
    ['[[ -f f.txt && -d d ]]', 0],
    ['[[ -f nosuch || -d /tmp ]]', 0],
    ['[[ ! -e nosuch ]]', 0],
    ['[[ ( -e f.txt ) && ! ( -z "" ) ]]', 1],
    ['X="a b"; [[ $X == "a b" ]]', 0],
    ['[[ -n $UNSET ]]', 1],
    ['[[ -z $UNSET ]]', 0],
    ['[[ 10 -gt 9 ]]', 0],
    ['[[ 2+2 -eq 4 ]]', 0],
    ['[[ b > a ]]', 0],
    ['[[ a < b ]]', 0],
    ['[[ -v HOME ]]', 0],
    ['[[ -v NOPE ]]', 1],
    ['[[ x ]]', 0],
    ['[[ "" ]]', 1],
    ['[[ abc =~ ^a(b|x)c$ ]]', 0],
    ['[[ a.c =~ a\\.c ]]', 0],
    ['[[ abc =~ "a.c" ]]', 1],
    ["x='('; [[ abc =~ $x ]]", 2],
  ])('%s → %i', (line, exitCode) => {
    expect(sh(line, { 'f.txt': 'x', 'd/y': '' })).toEqual(result('', '', exitCode));
  });

  it('sets BASH_REMATCH, does not glob or split, and reports syntax errors', () => {
    expect(sh('v=release-1.2; [[ $v =~ [0-9]+\\.[0-9]+ ]] && echo "$BASH_REMATCH"')).toEqual(result('1.2\n'));
    expect(sh('touch a1 a2; [[ a* == a* ]] && echo no-glob')).toEqual(result('no-glob\n'));
    expect(sh('[[ a b ]]')).toEqual(result('', "bash: syntax error in conditional expression: unexpected token `b'\n", 2));
    expect(sh('[[ ]]')).toEqual(result('', "bash: syntax error in conditional expression: unexpected token `]]'\n", 2));
    expect(parse('[[ -d /tmp').status).toBe('incomplete');
  });
});
