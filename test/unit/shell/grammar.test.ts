import { describe, expect, it } from 'vitest';
import { makeShell, result, run, sh } from './helpers.ts';

describe('quoting and escapes', () => {
  it.each([
    [`echo 'single $HOME "x"'`, 'single $HOME "x"\n'],
    [`echo "double \\"q\\" \\\\ \\$HOME \\\`x\\\` \\n"`, 'double "q" \\ $HOME `x` \\n\n'],
    [`echo a\\ b\\$c \\"d\\"`, 'a b$c "d"\n'],
    [`echo 'it'\\''s'`, "it's\n"],
    [`echo "" '' x`, '  x\n'],
    [`echo $'tab\\there\\n'`, 'tab\there\n\n'],
    [`echo "$"`, '$\n'],
    [`echo a#b # comment`, 'a#b\n'],
    [`echo "a # not a comment"`, 'a # not a comment\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });
});

describe('parameter expansion', () => {
  it('expands variables, braces, defaults and special parameters', () => {
    const { shell } = makeShell();
    run(shell, 'X=hello; E=');
    expect(run(shell, 'echo $X ${X}world ${E:-dflt} ${E-set} ${U-unset} ${X:+alt} ${U:+alt}.')).toEqual(
      result('hello helloworld dflt unset alt .\n'),
    );
    expect(run(shell, 'echo ${U:=assigned} $U')).toEqual(result('assigned assigned\n'));
    expect(run(shell, 'echo $HOME ${#X} $0 $# "$1"')).toEqual(result('/home/learner 5 bash 0 \n'));
    expect(run(shell, 'false; echo $?; echo $?')).toEqual(result('1\n0\n'));
  });

  it('removes prefixes and suffixes, replaces, slices and changes case', () => {
    const { shell } = makeShell();
    run(shell, 'f=archive.tar.gz p=/a/b/c.txt');
    expect(run(shell, 'echo ${f%.gz} ${f%%.*} ${f#*.} ${f##*.}')).toEqual(result('archive.tar archive tar.gz gz\n'));
    expect(run(shell, 'echo ${p##*/} ${p%/*}')).toEqual(result('c.txt /a/b\n'));
    expect(run(shell, 'echo ${f/a/A} ${f//a/A} ${f/#arc/ARC} ${f/%gz/GZ}')).toEqual(
      result('Archive.tar.gz Archive.tAr.gz ARChive.tar.gz archive.tar.GZ\n'),
    );
    expect(run(shell, 'echo ${f:0:7} ${f:8} ${f: -2} ${f^^} ${f^}')).toEqual(
      result('archive tar.gz gz ARCHIVE.TAR.GZ Archive.tar.gz\n'),
    );
  });

  it('reports bad substitutions and :? errors like bash', () => {
    expect(sh('echo ${x!y}')).toEqual(result('', 'bash: ${x!y}: bad substitution\n', 1));
    expect(sh('echo ${U:?must be set}; echo after')).toEqual(result('after\n', 'bash: U: must be set\n', 0));
    expect(sh('echo ${U:?}')).toEqual(result('', 'bash: U: parameter null or not set\n', 1));
  });

  it('word-splits unquoted expansions only', () => {
    const { shell } = makeShell();
    run(shell, 'X="a   b  c"');
    expect(run(shell, 'printf "[%s]" $X; echo')).toEqual(result('[a][b][c]\n'));
    expect(run(shell, 'printf "[%s]" "$X"; echo')).toEqual(result('[a   b  c]\n'));
    expect(run(shell, 'printf "[%s]" pre$X; echo')).toEqual(result('[prea][b][c]\n'));
    expect(run(shell, 'E=""; printf "[%s]" $E "$E" x; echo')).toEqual(result('[][x]\n'));
  });

  it('splits on IFS when it is set', () => {
    expect(sh('IFS=,; list="a,b,,c"; for f in $list; do echo "[$f]"; done')).toEqual(result('[a]\n[b]\n[]\n[c]\n'));
    expect(sh('IFS=" :"; x=" a : b :c "; printf "[%s]" $x; echo')).toEqual(result('[a][b][c]\n'));
    expect(sh('IFS=; x="a b"; printf "[%s]" $x; echo')).toEqual(result('[a b]\n'));
    expect(sh('IFS=:; x="a:"; printf "[%s]" $x; echo')).toEqual(result('[a]\n'));
  });

  it('expands ~ at word start only', () => {
    expect(sh('echo ~ ~/x "~" a~ ~nobody')).toEqual(result('/home/learner /home/learner/x ~ a~ ~nobody\n'));
    expect(sh('X=~/dir; echo $X')).toEqual(result('/home/learner/dir\n'));
  });
});

describe('command substitution', () => {
  it('nests, strips trailing newlines and works inside double quotes', () => {
    expect(sh('echo "$(echo "nested $(echo deep)")"')).toEqual(result('nested deep\n'));
    expect(sh('echo [$(printf "a\\n\\n\\n")]')).toEqual(result('[a]\n'));
    expect(sh('echo `echo back` "`echo quoted`"')).toEqual(result('back quoted\n'));
    expect(sh('echo $(echo a; echo b)')).toEqual(result('a b\n'));
    expect(sh('echo "$(echo a; echo b)"')).toEqual(result('a\nb\n'));
  });

  it('runs in a subshell and sets $? for assignments', () => {
    const { shell } = makeShell();
    expect(run(shell, 'x=$(cd /tmp; pwd); echo $x; pwd')).toEqual(result('/tmp\n/home/learner\n'));
    expect(run(shell, 'y=$(false); echo $?')).toEqual(result('1\n'));
    expect(run(shell, 'echo $(nosuch)')).toEqual(result('\n', 'bash: nosuch: command not found\n'));
  });

  it('handles arithmetic', () => {
    expect(sh('i=5; echo $((i * 2 + 1)) $((7 / 2)) $((7 % 3)) $((2 ** 10)) $(( (1 + 2) * 3 ))')).toEqual(result('11 3 1 1024 9\n'));
    expect(sh('i=1; : $((i += 4)); echo $i $((i > 3 ? 10 : 20))')).toEqual(result('5 10\n'));
    expect(sh('echo $((1 / 0))')).toEqual(result('', 'bash: 1 / 0: division by 0 (error token is "0")\n', 1));
  });
});

describe('brace expansion and globbing', () => {
  it('expands braces', () => {
    expect(sh('echo {1..5} {a,b}{x,y} f{01..03}.txt {c..a} {1..10..4} {a} {}')).toEqual(
      result('1 2 3 4 5 ax ay bx by f01.txt f02.txt f03.txt c b a 1 5 9 {a} {}\n'),
    );
    expect(sh('echo "{a,b}" \\{a,b\\}')).toEqual(result('{a,b} {a,b}\n'));
  });

  it('globs against the filesystem, keeping unmatched patterns', () => {
    const files = { 'a.txt': '', 'b.txt': '', 'c.log': '', '.hidden': '', 'd/x.txt': '', 'd/y.md': '' };
    expect(sh('echo *.txt', files)).toEqual(result('a.txt b.txt\n'));
    expect(sh('echo *', files)).toEqual(result('a.txt b.txt c.log d\n'));
    expect(sh('echo .*', files)).toEqual(result('.hidden\n'));
    expect(sh('echo ?.log [ab].txt [!a].txt', files)).toEqual(result('c.log a.txt b.txt b.txt\n'));
    expect(sh('echo d/*.txt */*.md', files)).toEqual(result('d/x.txt d/y.md\n'));
    expect(sh('echo /home/learner/*.log', files)).toEqual(result('/home/learner/c.log\n'));
    expect(sh('echo *.none "*.txt" \\*.txt', files)).toEqual(result('*.none *.txt *.txt\n'));
    expect(sh('X="*.txt"; echo $X "$X"', files)).toEqual(result('a.txt b.txt *.txt\n'));
  });
});

describe('assignments', () => {
  it('keeps shell variables out of the environment until exported', () => {
    const { shell } = makeShell();
    expect(run(shell, 'V=1; echo $V; env | grep ^V=')).toEqual(result('1\n', '', 1));
    expect(run(shell, 'export V; env | grep ^V=')).toEqual(result('V=1\n'));
    expect(run(shell, 'W=2 env | grep ^W=; echo "[$W]"')).toEqual(result('W=2\n[]\n'));
    expect(run(shell, 'A=x; A+=y; echo $A')).toEqual(result('xy\n'));
  });

  it('treats NAME=value arguments like bash: tilde after =, no splitting for export', () => {
    const { shell } = makeShell();
    expect(run(shell, 'Y="a b"; export X=$Y K=~/.kube/config; echo "$X|$K"')).toEqual(result('a b|/home/learner/.kube/config\n'));
    expect(run(shell, 'env | grep -e ^X= -e ^K=')).toEqual(result('X=a b\nK=/home/learner/.kube/config\n'));
    expect(run(shell, 'echo X=~/a Y=~ Z=a~ "Q=~"')).toEqual(result('X=/home/learner/a Y=/home/learner Z=a~ Q=~\n'));
  });
});

describe('redirections', () => {
  it('writes, appends and reads files', () => {
    const { shell, host } = makeShell();
    expect(run(shell, 'echo one > f.txt; echo two >> f.txt; cat < f.txt')).toEqual(result('one\ntwo\n'));
    expect(host.fs.readFile('/home/learner/f.txt')).toBe('one\ntwo\n');
    expect(run(shell, '> empty.txt; cat empty.txt; ls')).toEqual(result('empty.txt  f.txt\n'));
  });

  it('routes stderr with 2>, 2>>, 2>&1, &> and >&2', () => {
    const { shell } = makeShell();
    expect(run(shell, 'ls nosuch 2> err.txt; cat err.txt')).toEqual(
      result("ls: cannot access 'nosuch': No such file or directory\n"),
    );
    expect(run(shell, 'ls nosuch 2>> err.txt; wc -l < err.txt')).toEqual(result('2\n'));
    expect(run(shell, 'ls nosuch 2>&1 | tr a-z A-Z')).toEqual(result("LS: CANNOT ACCESS 'NOSUCH': NO SUCH FILE OR DIRECTORY\n"));
    expect(run(shell, 'ls nosuch |& wc -l')).toEqual(result('1\n'));
    expect(run(shell, 'echo out; ls nosuch &> all.txt; cat all.txt')).toEqual(
      result("out\nls: cannot access 'nosuch': No such file or directory\n"),
    );
    expect(run(shell, 'echo to-err >&2')).toEqual(result('', 'to-err\n'));
    expect(run(shell, 'echo hidden 2>&1 >/dev/null')).toEqual(result(''));
    expect(run(shell, 'ls nosuch 2>/dev/null; echo $?')).toEqual(result('2\n'));
  });

  it('reports redirection failures like bash', () => {
    const { shell } = makeShell();
    expect(run(shell, 'cat < nosuch.txt')).toEqual(result('', 'bash: nosuch.txt: No such file or directory\n', 1));
    expect(run(shell, 'echo x > nodir/f')).toEqual(result('', 'bash: nodir/f: No such file or directory\n', 1));
    expect(run(shell, 'mkdir d; echo x > d')).toEqual(result('', 'bash: d: Is a directory\n', 1));
    expect(run(shell, 'X="a b"; echo x > $X')).toEqual(result('', 'bash: $X: ambiguous redirect\n', 1));
    expect(run(shell, 'cat < nosuch 2>/dev/null; echo $?')).toEqual(result('1\n', "bash: nosuch: No such file or directory\n"));
    expect(run(shell, 'cat 2>/dev/null < nosuch; echo $?')).toEqual(result('1\n'));
  });

  it('creates the output file even when the command is not found', () => {
    const { shell, host } = makeShell();
    expect(run(shell, 'nosuch > out.txt')).toEqual(result('', 'bash: nosuch: command not found\n', 127));
    expect(host.fs.readFile('/home/learner/out.txt')).toBe('');
  });

  it('feeds heredocs and here-strings', () => {
    const { shell } = makeShell();
    expect(run(shell, 'X=val; cat <<EOF\nx=$X $(echo sub) \\$X `echo bq`\nEOF')).toEqual(result('x=val sub $X bq\n'));
    expect(run(shell, "cat <<'EOF'\nx=$X $(echo sub)\nEOF")).toEqual(result('x=$X $(echo sub)\n'));
    expect(run(shell, 'cat <<"EOF"\nx=$X\nEOF')).toEqual(result('x=$X\n'));
    expect(run(shell, 'cat <<-EOF\n\t\tindented\n\tEOF')).toEqual(result('indented\n'));
    expect(run(shell, 'cat <<<"here $X"')).toEqual(result('here val\n'));
    expect(run(shell, 'wc -l <<< one')).toEqual(result('1\n'));
    expect(run(shell, 'cat <<A; cat <<B\nfirst\nA\nsecond\nB')).toEqual(result('first\nsecond\n'));
    expect(run(shell, 'cat <<EOF | tr a-z A-Z\nshout\nEOF')).toEqual(result('SHOUT\n'));
  });
});

describe('pipelines and lists', () => {
  it('passes stdout along and takes the last exit code', () => {
    expect(sh('echo hello | wc -c')).toEqual(result('6\n'));
    expect(sh('echo "AKS networking" | tr a-z A-Z')).toEqual(result('AKS NETWORKING\n'));
    expect(sh('printf "b\\na\\nc\\n" | sort | head -n 2')).toEqual(result('a\nb\n'));
    expect(sh('false | true; echo $?')).toEqual(result('0\n'));
    expect(sh('true | false; echo $?')).toEqual(result('1\n'));
    expect(sh('! true; echo $?; ! false; echo $?')).toEqual(result('1\n0\n'));
  });

  it('short-circuits && and ||', () => {
    expect(sh('true && echo a || echo b')).toEqual(result('a\n'));
    expect(sh('false && echo a || echo b')).toEqual(result('b\n'));
    expect(sh('false || false && echo c; echo $?')).toEqual(result('1\n'));
  });

  it('runs pipeline members in subshells', () => {
    const { shell } = makeShell();
    expect(run(shell, 'cd /tmp | cat; pwd')).toEqual(result('/home/learner\n'));
    expect(run(shell, 'X=1 | cat; echo "[$X]"')).toEqual(result('[]\n'));
  });

  it('reports unknown commands with status 127', () => {
    expect(sh('nosuch arg')).toEqual(result('', 'bash: nosuch: command not found\n', 127));
    expect(sh('./nosuch')).toEqual(result('', 'bash: ./nosuch: No such file or directory\n', 127));
    expect(sh('""')).toEqual(result('', 'bash: : command not found\n', 127));
    expect(sh('/usr/bin/echo via path')).toEqual(result('via path\n'));
  });
});

describe('compound commands', () => {
  it('runs if / elif / else', () => {
    expect(sh('if false; then echo a; elif true; then echo b; else echo c; fi')).toEqual(result('b\n'));
    expect(sh('if [ -d /tmp ]; then echo dir; fi')).toEqual(result('dir\n'));
    expect(sh('if false; then echo a; fi; echo $?')).toEqual(result('0\n'));
  });

  it('runs for and while loops with break and continue', () => {
    expect(sh('for i in 1 2 3; do echo $i; done')).toEqual(result('1\n2\n3\n'));
    expect(sh('for f in $(seq 3); do echo -n $f; done; echo')).toEqual(result('123\n'));
    expect(sh('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).toEqual(result('1\n3\n'));
    expect(sh('for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done')).toEqual(result('1a\n2a\n'));
    expect(sh('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done')).toEqual(result('1\n2\n3\n'));
    expect(sh('i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i')).toEqual(result('2\n'));
    expect(sh('printf "a 1\\nb 2\\n" | while read name n; do echo "$n:$name"; done')).toEqual(result('1:a\n2:b\n'));
    expect(sh('break; echo after')).toEqual(result('after\n', "bash: break: only meaningful in a `for', `while', or `until' loop\n"));
  });

  it('runs groups in the shell and subshells apart', () => {
    const { shell } = makeShell();
    expect(run(shell, '{ echo a; echo b; } > g.txt; cat g.txt')).toEqual(result('a\nb\n'));
    expect(run(shell, '(cd /tmp; pwd); pwd')).toEqual(result('/tmp\n/home/learner\n'));
    expect(run(shell, '{ cd /tmp; }; pwd')).toEqual(result('/tmp\n'));
    expect(run(shell, '(exit 3); echo $?')).toEqual(result('3\n'));
  });

  it('runs (( )) arithmetic commands and C-style for loops', () => {
    expect(sh('x=5; if (( x > 3 )); then echo big; fi; (( x < 3 )); echo $?')).toEqual(result('big\n1\n'));
    expect(sh('i=0; (( i += 2, i++ )); echo $i')).toEqual(result('3\n'));
    expect(sh('for (( i = 0; i < 3; i++ )); do echo -n $i; done; echo')).toEqual(result('012\n'));
    expect(sh('for ((;;)); do echo once; break; done')).toEqual(result('once\n'));
    expect(sh('((cd /tmp; pwd) )')).toEqual(result('/tmp\n'));
    expect(sh('(( 1 / 0 )); echo $?')).toEqual(result('1\n', 'bash: 1 / 0: division by 0 (error token is "0")\n'));
    const { shell } = makeShell();
    expect(shell.exec('for (( i=0; i<2; i++ ))').incomplete).toBe(true);
    expect(shell.exec('do echo $i; done')).toEqual(result('0\n1\n'));
  });

  it('refuses variables that grow without bound', () => {
    const r = sh('a=x; for i in $(seq 26); do a=$a$a; done; echo ${#a}');
    expect(r.stdout).toBe('8388608\n');
    expect(r.stderr).toBe('bash: a: value too long (more than 8388608 characters)\n'.repeat(3));
  });

  it('stops runaway loops with an error instead of hanging', () => {
    const r = sh('while true; do :; done');
    expect(r).toEqual(result('', 'bash: more than 100000 commands in one line; stopped\n', 130));
  });
});

describe('scripts and nested shells', () => {
  it('runs executable scripts, bash -c and source', () => {
    const { shell } = makeShell({ 's.sh': 'echo "script $1 $#"\nX=set-by-script\n' });
    expect(run(shell, './s.sh')).toEqual(result('', 'bash: ./s.sh: Permission denied\n', 126));
    expect(run(shell, 'chmod +x s.sh; ./s.sh a b; echo "[$X]"')).toEqual(result('script a 2\n[]\n'));
    expect(run(shell, 'bash s.sh one')).toEqual(result('script one 1\n'));
    expect(run(shell, 'bash -c \'echo $0 $1; exit 4\' zero one; echo $?')).toEqual(result('zero one\n4\n'));
    expect(run(shell, 'source s.sh; echo $X')).toEqual(result('script  0\nset-by-script\n'));
    expect(run(shell, 'echo "echo piped" | sh')).toEqual(result('piped\n'));
  });

  it('stops scripts that call themselves', () => {
    const { shell } = makeShell({ 'loop.sh': 'bash loop.sh\n' });
    expect(run(shell, 'bash loop.sh')).toEqual(result('', 'bash: maximum nesting level exceeded (32)\n', 1));
  });
});
