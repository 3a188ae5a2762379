import { describe, expect, it } from 'vitest';
import { columns } from '../../../sandbox/shell/builtins/ls.ts';
import { makeShell, result, run, sh } from './helpers.ts';

describe('cat', () => {
  it('concatenates files and stdin, numbering with -n', () => {
    const files = { 'a.txt': 'one\ntwo\n', 'b.txt': 'three' };
    expect(sh('cat a.txt b.txt', files)).toEqual(result('one\ntwo\nthree'));
    expect(sh('echo in | cat a.txt - b.txt', files)).toEqual(result('one\ntwo\nin\nthree'));
    expect(sh('cat -n a.txt b.txt', files)).toEqual(result('     1\tone\n     2\ttwo\n     3\tthree'));
    expect(sh('printf "a\\n\\nb\\n" | cat -b')).toEqual(result('     1\ta\n\n     2\tb\n'));
    expect(sh('printf "a\\tb\\n" | cat -A')).toEqual(result('a^Ib$\n'));
  });

  it('reports missing files and directories but prints the rest', () => {
    expect(sh('cat a.txt nosuch.txt', { 'a.txt': 'A\n' })).toEqual(result('A\n', 'cat: nosuch.txt: No such file or directory\n', 1));
    expect(sh('mkdir d; cat d')).toEqual(result('', 'cat: d: Is a directory\n', 1));
    expect(sh('cat -z')).toEqual(result('', "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1));
    expect(sh('cat --nope')).toEqual(result('', "cat: unrecognized option '--nope'\nTry 'cat --help' for more information.\n", 1));
  });
});

describe('ls', () => {
  const files = { 'b.txt': 'hello', 'a.txt': '', '.hidden': '', 'dir/inner': '' };

  it('lists in columns on the terminal and one per line in a pipe', () => {
    expect(sh('ls', files)).toEqual(result('a.txt  b.txt  dir\n'));
    expect(sh('ls | cat', files)).toEqual(result('a.txt\nb.txt\ndir\n'));
    expect(sh('ls -1', files)).toEqual(result('a.txt\nb.txt\ndir\n'));
    expect(sh('ls -a', files)).toEqual(result('.  ..  .hidden  a.txt  b.txt  dir\n'));
    expect(sh('ls -A', files)).toEqual(result('.hidden  a.txt  b.txt  dir\n'));
    expect(sh('ls -F', files)).toEqual(result('a.txt  b.txt  dir/\n'));
    expect(sh('ls -r', files)).toEqual(result('dir  b.txt  a.txt\n'));
  });

  it('fills columns like GNU ls within 80 characters', () => {
    const names = Array.from({ length: 30 }, (_, i) => `file-${String(i).padStart(2, '0')}.yaml`);
    const out = columns(names);
    const lines = out.trimEnd().split('\n');
    expect(lines.every((l) => l.length < 80)).toBe(true);
    // six columns would need 82 characters, so GNU ls uses five (of 6 rows)
    expect(lines[0]).toBe('file-00.yaml  file-06.yaml  file-12.yaml  file-18.yaml  file-24.yaml');
    expect(lines[5]).toBe('file-05.yaml  file-11.yaml  file-17.yaml  file-23.yaml  file-29.yaml');
    expect(lines).toHaveLength(6);
    expect(columns(['a'])).toBe('a\n');
  });

  it('prints long listings', () => {
    expect(sh('ls -l', files)).toEqual(
      result(
        'total 8\n' +
          '-rw-r--r-- 1 learner learner    0 Nov 26 09:00 a.txt\n' +
          '-rw-r--r-- 1 learner learner    5 Nov 26 09:00 b.txt\n' +
          'drwxr-xr-x 2 learner learner 4096 Nov 26 09:00 dir\n',
      ),
    );
    expect(sh('ls -l b.txt', files)).toEqual(result('-rw-r--r-- 1 learner learner 5 Nov 26 09:00 b.txt\n'));
    expect(sh('ls -ld /tmp')).toEqual(result('drwxr-xr-x 2 root root 4096 Nov 26 09:00 /tmp\n'));
  });

  it('lists files first, then directories with headers', () => {
    expect(sh('ls dir a.txt', files)).toEqual(result('a.txt\n\ndir:\ninner\n'));
    expect(sh('ls -R dir', files)).toEqual(result('dir:\ninner\n'));
  });

  it('reports missing operands with status 2', () => {
    expect(sh('ls nosuch a.txt', files)).toEqual(result('a.txt\n', "ls: cannot access 'nosuch': No such file or directory\n", 2));
    expect(sh('ls -y')).toEqual(result('', "ls: invalid option -- 'y'\nTry 'ls --help' for more information.\n", 2));
  });
});

describe('mkdir, rmdir, touch', () => {
  it('creates directories and files', () => {
    const { shell, host } = makeShell();
    expect(run(shell, 'mkdir a; mkdir -p x/y/z; touch a/f; ls -R')).toEqual(
      result('.:\na  x\n\n./a:\nf\n\n./x:\ny\n\n./x/y:\nz\n\n./x/y/z:\n'),
    );
    expect(host.fs.isDir('/home/learner/x/y/z')).toBe(true);
    expect(run(shell, 'echo keep > k; touch k; cat k')).toEqual(result('keep\n'));
    expect(run(shell, 'rmdir x/y/z; ls x/y')).toEqual(result(''));
  });

  it('reports errors like coreutils', () => {
    expect(sh('mkdir d; mkdir d')).toEqual(result('', 'mkdir: cannot create directory ‘d’: File exists\n', 1));
    expect(sh('mkdir a/b')).toEqual(result('', 'mkdir: cannot create directory ‘a/b’: No such file or directory\n', 1));
    expect(sh('mkdir')).toEqual(result('', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1));
    expect(sh('touch no/f')).toEqual(result('', "touch: cannot touch 'no/f': No such file or directory\n", 1));
    expect(sh('mkdir -p d/e; rmdir d')).toEqual(result('', "rmdir: failed to remove 'd': Directory not empty\n", 1));
  });
});

describe('rm', () => {
  it('removes files, and directories with -r', () => {
    const { shell } = makeShell({ 'f.txt': '', 'd/x': '' });
    expect(run(shell, 'rm d')).toEqual(result('', "rm: cannot remove 'd': Is a directory\n", 1));
    expect(run(shell, 'rm f.txt; rm -r d; ls')).toEqual(result(''));
    expect(run(shell, 'rm nosuch')).toEqual(result('', "rm: cannot remove 'nosuch': No such file or directory\n", 1));
    expect(run(shell, 'rm -f nosuch; echo $?')).toEqual(result('0\n'));
    expect(run(shell, 'rm')).toEqual(result('', "rm: missing operand\nTry 'rm --help' for more information.\n", 1));
    expect(run(shell, 'rm -rf /')).toEqual(
      result('', "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", 1),
    );
    expect(run(shell, 'rm -r .')).toEqual(result('', "rm: refusing to remove '.' or '..' directory: skipping '.'\n", 1));
  });
});

describe('cp, mv, tee, chmod', () => {
  it('copies and moves', () => {
    const { shell } = makeShell({ 'a.txt': 'A\n', 'd/x': 'X\n' });
    expect(run(shell, 'cp a.txt b.txt; mv b.txt c.txt; ls; cat c.txt')).toEqual(result('a.txt  c.txt  d\nA\n'));
    expect(run(shell, 'cp d e')).toEqual(result('', "cp: -r not specified; omitting directory 'd'\n", 1));
    expect(run(shell, 'cp -r d e; cat e/x; cp a.txt c.txt d; ls d')).toEqual(result('X\na.txt  c.txt  x\n'));
    expect(run(shell, 'cp nosuch x')).toEqual(result('', "cp: cannot stat 'nosuch': No such file or directory\n", 1));
    expect(run(shell, 'mv nosuch x')).toEqual(result('', "mv: cannot stat 'nosuch': No such file or directory\n", 1));
    expect(run(shell, 'cp a.txt')).toEqual(result('', "cp: missing destination file operand after 'a.txt'\nTry 'cp --help' for more information.\n", 1));
    expect(run(shell, 'cp a.txt c.txt nosuchdir')).toEqual(result('', "cp: target 'nosuchdir' is not a directory\n", 1));
  });

  it('tees stdin to files', () => {
    const { shell } = makeShell();
    expect(run(shell, 'echo x | tee t1 t2; echo y | tee -a t1 > /dev/null; cat t1 t2')).toEqual(result('x\nx\ny\nx\n'));
  });

  it('changes modes', () => {
    const { shell, host } = makeShell({ 's.sh': '' });
    run(shell, 'chmod 700 s.sh');
    expect(host.fs.stat('/home/learner/s.sh').mode).toBe(0o700);
    run(shell, 'chmod go+r,u-w s.sh');
    expect(host.fs.stat('/home/learner/s.sh').mode).toBe(0o544);
    expect(run(shell, 'chmod bogus s.sh')).toEqual(result('', "chmod: invalid mode: ‘bogus’\nTry 'chmod --help' for more information.\n", 1));
    expect(run(shell, 'chmod +x nosuch')).toEqual(result('', "chmod: cannot access 'nosuch': No such file or directory\n", 1));
  });
});
