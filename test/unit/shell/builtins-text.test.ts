import { describe, expect, it } from 'vitest';
import { result, sh } from './helpers.ts';

const NUMBERS = { 'n.txt': Array.from({ length: 12 }, (_, i) => `${i + 1}\n`).join('') };

describe('echo', () => {
  it.each([
    ['echo a  b', 'a b\n'],
    ['echo -n x; echo y', 'xy\n'],
    ['echo -e "a\\tb\\nc\\\\d"', 'a\tb\nc\\d\n'],
    ['echo "a\\tb"', 'a\\tb\n'],
    ['echo -e "stop\\chere"', 'stop'],
    ['echo -e "\\x41\\0101"', 'AA\n'],
    ['echo -ne "x\\n"', 'x\n'],
    ['echo -x', '-x\n'],
    ['echo', '\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });
});

describe('printf', () => {
  it.each([
    ['printf "%s-%d\\n" a 1 b 2 c', 'a-1\nb-2\nc-0\n'],
    ['printf "%5.2f|%-4s|%04d|%x|%X|%o\\n" 3.14159 ab 42 255 255 8', ' 3.14|ab  |0042|ff|FF|10\n'],
    ['printf "100%%\\n"', '100%\n'],
    ['printf "%s\\n"', '\n'],
    ['printf "no newline"', 'no newline'],
    ['printf "%b" "a\\tb\\n"', 'a\tb\n'],
    ['printf "%c%c\\n" hello world', 'hw\n'],
    ['printf "%q\\n" "a b"', 'a\\ b\n'],
    ['printf "%5s|%-5s|\\n" ab cd', '   ab|cd   |\n'],
    ['printf "%d\\n" 0x1f 010 "\'A"', '31\n8\n65\n'],
    ['printf "%e %g\\n" 12345.678 0.0001', '1.234568e+04 0.0001\n'],
    ['printf -v out "%s!" hi; echo $out', 'hi!\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });

  it('reports bad numbers and a missing format like bash', () => {
    expect(sh('printf "%d\\n" abc')).toEqual(result('0\n', 'bash: printf: abc: invalid number\n', 1));
    expect(sh('printf')).toEqual(result('', 'bash: printf: usage: printf [-v var] format [arguments]\n', 2));
  });
});

describe('head and tail', () => {
  it.each([
    ['head n.txt', '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n'],
    ['head -n 2 n.txt', '1\n2\n'],
    ['head -3 n.txt', '1\n2\n3\n'],
    ['head -n -10 n.txt', '1\n2\n'],
    ['head -c 5 n.txt', '1\n2\n3'],
    ['tail -n 2 n.txt', '11\n12\n'],
    ['tail -3 n.txt', '10\n11\n12\n'],
    ['tail -n +11 n.txt', '11\n12\n'],
    ['tail -c 3 n.txt', '12\n'],
    ['cat n.txt | head -n1', '1\n'],
    ['printf "a\\nb" | tail -n 1', 'b'],
    ['head -n 1 n.txt n.txt', '==> n.txt <==\n1\n\n==> n.txt <==\n1\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line, NUMBERS)).toEqual(result(stdout));
  });

  it('reports errors like coreutils', () => {
    expect(sh('head -n abc n.txt', NUMBERS)).toEqual(result('', 'head: invalid number of lines: ‘abc’\n', 1));
    expect(sh('tail -c x')).toEqual(result('', 'tail: invalid number of bytes: ‘x’\n', 1));
    expect(sh('head -z')).toEqual(result('', "head: invalid option -- 'z'\nTry 'head --help' for more information.\n", 1));
    expect(sh('head -Q')).toEqual(result('', "head: invalid option -- 'Q'\nTry 'head --help' for more information.\n", 1));
    expect(sh('head -n')).toEqual(result('', "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n", 1));
    expect(sh('head nosuch')).toEqual(result('', "head: cannot open 'nosuch' for reading: No such file or directory\n", 1));
    expect(sh('tail /tmp')).toEqual(result('', "tail: error reading '/tmp': Is a directory\n", 1));
  });
});

describe('wc', () => {
  it.each([
    ['echo hello | wc -c', '6\n'],
    ['echo hello world | wc', '      1       2      12\n'],
    ['wc -l n.txt', '12 n.txt\n'],
    ['wc -l < n.txt', '12\n'],
    ['wc n.txt', '12 12 27 n.txt\n'],
    ['wc -lw n.txt n.txt', '12 12 n.txt\n12 12 n.txt\n24 24 total\n'],
    ['printf "héllo" | wc -c', '6\n'],
    ['printf "héllo" | wc -m', '5\n'],
    ['printf "" | wc -l', '0\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line, NUMBERS)).toEqual(result(stdout));
  });

  it('reports missing files and keeps counting', () => {
    expect(sh('wc -l n.txt nosuch', NUMBERS)).toEqual(result('12 n.txt\n12 total\n', 'wc: nosuch: No such file or directory\n', 1));
  });
});

describe('sort and uniq', () => {
  const data = { 'f.txt': 'banana\napple\nCherry\napple\n', 'k.txt': 'b 2\na 10\nc 1\n', 'c.txt': 'x:3\ny:1\nz:2\n' };
  it.each([
    ['sort f.txt', 'Cherry\napple\napple\nbanana\n'],
    ['sort -r f.txt', 'banana\napple\napple\nCherry\n'],
    ['sort -u f.txt', 'Cherry\napple\nbanana\n'],
    ['sort -f f.txt', 'apple\napple\nbanana\nCherry\n'],
    ['printf "10\\n9\\n100\\n" | sort -n', '9\n10\n100\n'],
    ['printf "10\\n9\\n100\\n" | sort', '10\n100\n9\n'],
    ['printf "10\\n9\\n100\\n" | sort -rn', '100\n10\n9\n'],
    ['sort -k2 -n k.txt', 'c 1\nb 2\na 10\n'],
    ['sort -k 2,2nr k.txt', 'a 10\nb 2\nc 1\n'],
    ['sort -t: -k2 c.txt', 'y:1\nz:2\nx:3\n'],
    ['sort f.txt | uniq', 'Cherry\napple\nbanana\n'],
    ['sort f.txt | uniq -c', '      1 Cherry\n      2 apple\n      1 banana\n'],
    ['sort f.txt | uniq -d', 'apple\n'],
    ['sort f.txt | uniq -u', 'Cherry\nbanana\n'],
    ['printf "a\\na\\nb\\na\\n" | uniq -c', '      2 a\n      1 b\n      1 a\n'],
    ['printf "A\\na\\n" | uniq -i', 'A\n'],
    ['printf "2K\\n1M\\n3\\n512\\n" | sort -h', '3\n512\n2K\n1M\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line, data)).toEqual(result(stdout));
  });

  it('reports errors', () => {
    expect(sh('sort nosuch')).toEqual(result('', 'sort: cannot read: nosuch: No such file or directory\n', 2));
    expect(sh('sort -t ab')).toEqual(result('', 'sort: multi-character tab ‘ab’\n', 2));
    expect(sh('sort -Q')).toEqual(result('', "sort: invalid option -- 'Q'\nTry 'sort --help' for more information.\n", 2));
  });
});

describe('cut and tr', () => {
  it.each([
    ['printf "a b c\\n1 2 3\\n" | cut -d" " -f2', 'b\n2\n'],
    ['echo a:b:c:d | cut -d: -f1,3-', 'a:c:d\n'],
    ['echo a:b:c:d | cut -d: -f-2', 'a:b\n'],
    ['echo abcdef | cut -c2-4', 'bcd\n'],
    ['echo abcdef | cut -c1,3,5', 'ace\n'],
    ['printf "a\\tb\\nnodelim\\n" | cut -f2', 'b\nnodelim\n'],
    ['printf "a\\tb\\nnodelim\\n" | cut -s -f2', 'b\n'],
    ['echo a,b,c | cut -d, -f1,3 --output-delimiter=" "', 'a c\n'],
    ['echo hello | tr a-z A-Z', 'HELLO\n'],
    ['echo hello | tr "[:lower:]" "[:upper:]"', 'HELLO\n'],
    ['echo hello | tr -d l', 'heo\n'],
    ['echo "a    b" | tr -s " "', 'a b\n'],
    ['echo hello | tr el ip', 'hippo\n'],
    ['echo abc | tr abc x', 'xxx\n'],
    ['echo "a1b2" | tr -d "[:digit:]"', 'ab\n'],
    ['echo "a1b2" | tr -dc "[:digit:]"', '12'],
    ['printf "a\\nb\\n" | tr "\\n" ,', 'a,b,'],
    ['echo aabbcc | tr -s a-c', 'abc\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });

  it('reports errors', () => {
    expect(sh('echo x | cut')).toEqual(result('', "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", 1));
    expect(sh('echo x | cut -d ab -f1')).toEqual(result('', "cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n", 1));
    expect(sh('echo x | cut -f0')).toEqual(result('', "cut: fields and positions are numbered from 1\nTry 'cut --help' for more information.\n", 1));
    expect(sh('echo x | tr')).toEqual(result('', "tr: missing operand\nTry 'tr --help' for more information.\n", 1));
    expect(sh('echo x | tr a')).toEqual(
      result('', "tr: missing operand after ‘a’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n", 1),
    );
    expect(sh('echo x | tr -d a b')).toEqual(
      result('', "tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n", 1),
    );
  });
});

describe('seq, basename, dirname', () => {
  it.each([
    ['seq 3', '1\n2\n3\n'],
    ['seq 2 4', '2\n3\n4\n'],
    ['seq 1 3 10', '1\n4\n7\n10\n'],
    ['seq 3 -1 1', '3\n2\n1\n'],
    ['seq -2 0', '-2\n-1\n0\n'],
    ['seq -s, 1 5', '1,2,3,4,5\n'],
    ['seq -w 8 10', '08\n09\n10\n'],
    ['seq 1 0.5 2', '1.0\n1.5\n2.0\n'],
    ['seq 5 1', ''],
    ['basename /a/b/c.txt', 'c.txt\n'],
    ['basename /a/b/c.txt .txt', 'c\n'],
    ['basename /a/b/', 'b\n'],
    ['basename /', '/\n'],
    ['basename -a x/y z/w', 'y\nw\n'],
    ['dirname /a/b/c.txt', '/a/b\n'],
    ['dirname c.txt', '.\n'],
    ['dirname /a', '/\n'],
    ['dirname a/b/ x', 'a\n.\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });

  it('reports errors', () => {
    expect(sh('seq')).toEqual(result('', "seq: missing operand\nTry 'seq --help' for more information.\n", 1));
    expect(sh('seq x')).toEqual(result('', "seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n", 1));
    expect(sh('seq 1 0 5')).toEqual(result('', "seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n", 1));
    expect(sh('basename')).toEqual(result('', "basename: missing operand\nTry 'basename --help' for more information.\n", 1));
    expect(sh('dirname')).toEqual(result('', "dirname: missing operand\nTry 'dirname --help' for more information.\n", 1));
  });

  it('stops huge sequences at the output limit and says so', () => {
    const r = sh('seq 100000000 | wc -l');
    expect(Number(r.stdout.trim())).toBeGreaterThan(100_000);
    expect(r.stderr).toBe('bash: output truncated to 2097152 characters\n');
  });
});

describe('xargs', () => {
  it.each([
    ['echo a b c | xargs', 'a b c\n'],
    ['echo a b c | xargs -n 1 echo x', 'x a\nx b\nx c\n'],
    ['echo a b c d | xargs -n2', 'a b\nc d\n'],
    ['printf "1\\n2\\n" | xargs -I {} echo item-{}-{}', 'item-1-1\nitem-2-2\n'],
    ['printf "\'a b\' c\\n" | xargs -n1', 'a b\nc\n'],
    ['printf "" | xargs echo empty', 'empty\n'],
    ['printf "" | xargs -r echo empty', ''],
  ])('%s', (line, stdout) => {
    expect(sh(line)).toEqual(result(stdout));
  });

  it('runs commands through the registry and reports failures', () => {
    expect(sh('echo f1 f2 | xargs touch; ls')).toEqual(result('f1  f2\n'));
    expect(sh('echo x | xargs nosuch')).toEqual(result('', 'xargs: nosuch: No such file or directory\n', 127));
    expect(sh('echo nosuch | xargs cat')).toEqual(result('', 'cat: nosuch: No such file or directory\n', 123));
    expect(sh('echo "a \'b" | xargs')).toEqual(
      result('', 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n', 1),
    );
  });
});

describe('test and [', () => {
  it.each([
    ['[ -f f ]', 0],
    ['[ -d f ]', 1],
    ['[ -d d ]', 0],
    ['[ -e nosuch ]', 1],
    ['[ -s f ]', 0],
    ['[ -s empty ]', 1],
    ['[ -z "" ]', 0],
    ['[ -n "" ]', 1],
    ['[ abc ]', 0],
    ['[ "" ]', 1],
    ['[ ]', 1],
    ['[ a = a ]', 0],
    ['[ a != a ]', 1],
    ['[ 2 -lt 10 ]', 0],
    ['[ 2 -ge 10 ]', 1],
    ['[ ! -f f ]', 1],
    ['[ -f f -a -d d ]', 0],
    ['[ -f nosuch -o -d d ]', 0],
    ['[ \\( 1 -eq 1 \\) ]', 0],
    ['test 5 -eq 5', 0],
    ['test', 1],
  ])('%s → %i', (line, exitCode) => {
    expect(sh(line, { f: 'data', empty: '', 'd/x': '' })).toEqual(result('', '', exitCode));
  });

  it('reports misuse with status 2', () => {
    expect(sh('[ 1 -lt x ]')).toEqual(result('', 'bash: [: x: integer expression expected\n', 2));
    expect(sh('[ 1 -lt 2')).toEqual(result('', "bash: [: missing `]'\n", 2));
    expect(sh('[ -q x ]')).toEqual(result('', 'bash: [: -q: unary operator expected\n', 2));
  });
});
