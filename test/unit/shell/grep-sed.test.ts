import { describe, expect, it } from 'vitest';
import { translateRegex } from '../../../sandbox/shell/builtins/posix-regex.ts';
import { result, sh } from './helpers.ts';

const FRUIT = { 'f.txt': 'apple\nBanana\ncherry\napple pie\n', 'g.txt': 'grape\napple\n' };

describe('POSIX regex translation', () => {
  const matches = (pattern: string, extended: boolean, text: string): boolean => {
    const t = translateRegex(pattern, extended);
    if ('error' in t) throw new Error(t.error);
    return new RegExp(t.source).test(text);
  };

  it('treats + ? | ( ) { } literally in BRE and specially when escaped', () => {
    expect(matches('a+', false, 'a+')).toBe(true);
    expect(matches('a+', false, 'aa')).toBe(false);
    expect(matches('a\\+', false, 'aa')).toBe(true);
    expect(matches('(x)', false, '(x)')).toBe(true);
    expect(matches('\\(ab\\)\\{2\\}', false, 'abab')).toBe(true);
    expect(matches('a\\|b', false, 'b')).toBe(true);
    expect(matches('a|b', false, 'a|b')).toBe(true);
    expect(matches('x{2}', false, 'x{2}')).toBe(true);
  });

  it('handles ERE operators, anchors and literal specials', () => {
    expect(matches('^(ab)+$', true, 'abab')).toBe(true);
    expect(matches('a{2,}', true, 'aa')).toBe(true);
    expect(matches('a{,2}b', true, 'b')).toBe(true);
    expect(matches('a{', true, 'a{')).toBe(true);
    expect(matches('*a', false, '*a')).toBe(true);
    expect(matches('a^b', false, 'a^b')).toBe(true);
    expect(matches('a$b', false, 'a$b')).toBe(true);
    expect(matches('a**', false, 'aaa')).toBe(true);
    expect(matches('[]a]', false, ']')).toBe(true);
    expect(matches('[^]a]', false, 'b')).toBe(true);
    expect(matches('[[:digit:]]\\{3\\}', false, 'x123')).toBe(true);
    expect(matches('[\\n]', false, '\\')).toBe(true);
    expect(matches('\\<cat\\>', false, 'a cat here')).toBe(true);
    expect(matches('\\<cat\\>', false, 'concatenate')).toBe(false);
    expect(matches('a/b', false, 'a/b')).toBe(true);
  });

  it('reports GNU errors', () => {
    expect(translateRegex('a\\(', false)).toEqual({ error: 'Unmatched ( or \\(' });
    expect(translateRegex('(a', true)).toEqual({ error: 'Unmatched ( or \\(' });
    expect(translateRegex('a\\)', false)).toEqual({ error: 'Unmatched ) or \\)' });
    expect(translateRegex('[a', false)).toEqual({ error: 'Unmatched [, [^, [:, [., or [=' });
    expect(translateRegex('\\1', false)).toEqual({ error: 'Invalid back reference' });
    expect(translateRegex('a\\', false)).toEqual({ error: 'Trailing backslash' });
    expect(translateRegex('[[:nope:]]', false)).toEqual({ error: 'Invalid character class name' });
  });
});

describe('grep', () => {
  it.each([
    ['grep apple f.txt', 'apple\napple pie\n'],
    ['grep -i banana f.txt', 'Banana\n'],
    ['grep -v apple f.txt', 'Banana\ncherry\n'],
    ['grep -c a f.txt', '3\n'],
    ['grep -n an f.txt', '2:Banana\n'],
    ['grep -o an f.txt', 'an\nan\n'],
    ['grep -on "p\\+" f.txt', '1:pp\n4:pp\n4:p\n'],
    ['grep -w pie f.txt', 'apple pie\n'],
    ['grep -x apple f.txt', 'apple\n'],
    ['grep -E "^(apple|cherry)$" f.txt', 'apple\ncherry\n'],
    ['grep "ap\\|ch" f.txt', 'apple\ncherry\napple pie\n'],
    ['grep -F "e p" f.txt', 'apple pie\n'],
    ['grep -e grape -e cherry f.txt g.txt', 'f.txt:cherry\ng.txt:grape\n'],
    ['grep apple f.txt g.txt', 'f.txt:apple\nf.txt:apple pie\ng.txt:apple\n'],
    ['grep -h apple f.txt g.txt', 'apple\napple pie\napple\n'],
    ['grep -c apple f.txt g.txt', 'f.txt:2\ng.txt:1\n'],
    ['grep -l apple f.txt g.txt', 'f.txt\ng.txt\n'],
    ['grep -L grape f.txt g.txt', 'f.txt\n'],
    ['grep -r grape .', './g.txt:grape\n'],
    ['cat f.txt | grep -m1 apple', 'apple\n'],
    ['grep "[[:upper:]]" f.txt', 'Banana\n'],
    ['grep "a\\(p\\)\\1" f.txt', 'apple\napple pie\n'],
    ['printf "1\\n2\\nx\\n3\\n4\\n5\\nx\\n" | grep -A1 -B1 x', '2\nx\n3\n--\n5\nx\n'],
    ['printf "a\\nb\\n" | grep -C5 a', 'a\nb\n'],
    ['echo hi | grep -H hi', '(standard input):hi\n'],
    ['grep "" f.txt | wc -l', '4\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line, FRUIT)).toEqual(result(stdout));
  });

  it('exits 1 when nothing is selected and 0 with -q on a match', () => {
    expect(sh('grep zzz f.txt', FRUIT)).toEqual(result('', '', 1));
    expect(sh('grep "p+" f.txt', FRUIT)).toEqual(result('', '', 1));
    expect(sh('grep -q apple f.txt', FRUIT)).toEqual(result('', '', 0));
    expect(sh('grep -q zzz f.txt', FRUIT)).toEqual(result('', '', 1));
    expect(sh('grep -q apple nosuch f.txt', FRUIT)).toEqual(result('', 'grep: nosuch: No such file or directory\n', 0));
  });

  it('exits 2 on errors, still printing what matched', () => {
    expect(sh('grep apple f.txt nosuch', FRUIT)).toEqual(
      result('f.txt:apple\nf.txt:apple pie\n', 'grep: nosuch: No such file or directory\n', 2),
    );
    expect(sh('grep -s apple nosuch', FRUIT)).toEqual(result('', '', 2));
    expect(sh('grep x /tmp')).toEqual(result('', 'grep: /tmp: Is a directory\n', 2));
    expect(sh('grep -E "(a" f.txt', FRUIT)).toEqual(result('', 'grep: Unmatched ( or \\(\n', 2));
    expect(sh('grep "a\\{2" f.txt', FRUIT)).toEqual(result('', 'grep: Unmatched \\{\n', 2));
    expect(sh('grep')).toEqual(result('', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2));
    expect(sh('grep -Y x')).toEqual(
      result('', "grep: invalid option -- 'Y'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2),
    );
    expect(sh('grep -m x a')).toEqual(result('', 'grep: x: invalid max count\n', 2));
  });
});

describe('sed', () => {
  it.each([
    ["sed 's/apple/APPLE/' f.txt", 'APPLE\nBanana\ncherry\nAPPLE pie\n'],
    ["sed 's/a/_/g' f.txt", '_pple\nB_n_n_\ncherry\n_pple pie\n'],
    ["sed 's/a/_/2' f.txt", 'apple\nBan_na\ncherry\napple pie\n'],
    ["sed 's/a/_/2g' f.txt", 'apple\nBan_n_\ncherry\napple pie\n'],
    ["sed 's/A/x/I' f.txt", 'xpple\nBxnana\ncherry\nxpple pie\n'],
    ["sed -n 's/apple/X/p' f.txt", 'X\nX pie\n'],
    ["sed 's|p|/|g' f.txt", 'a//le\nBanana\ncherry\na//le /ie\n'],
    ["sed -E 's/(a)(p+)/\\2\\1/' f.txt", 'ppale\nBanana\ncherry\nppale pie\n'],
    ["sed 's/\\(ch\\)\\(er\\)/\\2\\1/' f.txt", 'apple\nBanana\nerchry\napple pie\n'],
    ["sed 's/an/[&]/g' f.txt", 'apple\nB[an][an]a\ncherry\napple pie\n'],
    ["sed 's/e$/E/;s/^a/A/' f.txt", 'ApplE\nBanana\ncherry\nApple piE\n'],
    ["sed -e 's/a/1/' -e 's/a/2/' f.txt", '1pple\nB1n2na\ncherry\n1pple pie\n'],
    ["sed '2d' f.txt", 'apple\ncherry\napple pie\n'],
    ["sed '/apple/d' f.txt", 'Banana\ncherry\n'],
    ["sed '/apple/!d' f.txt", 'apple\napple pie\n'],
    ["sed -n '2,3p' f.txt", 'Banana\ncherry\n'],
    ["sed -n '/Ban/,/che/p' f.txt", 'Banana\ncherry\n'],
    ["sed '$d' f.txt", 'apple\nBanana\ncherry\n'],
    ["sed -n '$=' f.txt", '4\n'],
    ["sed 2q f.txt", 'apple\nBanana\n'],
    ["sed '1i header' f.txt | head -2", 'header\napple\n'],
    ["sed '1a after' f.txt | head -3", 'apple\nafter\nBanana\n'],
    ["sed '2c replaced' f.txt", 'apple\nreplaced\ncherry\napple pie\n'],
    ["sed 'y/abc/ABC/' f.txt", 'Apple\nBAnAnA\nCherry\nApple pie\n'],
    ["echo hello | sed 's/l*/-/g'", '-h-e-o-\n'],
    ["printf 'no newline' | sed 's/no/a/'", 'a newline'],
    ["echo path/to/file | sed 's#/#\\\\#g'", 'path\\to\\file\n'],
    ["echo 'a.b' | sed 's/a\\.b/ok/'", 'ok\n'],
    ["echo 'tab' | sed 's/tab/a\\tb/'", 'a\tb\n'],
  ])('%s', (line, stdout) => {
    expect(sh(line, FRUIT)).toEqual(result(stdout));
  });

  it('edits files in place with -i', () => {
    expect(sh("sed -i 's/cherry/CHERRY/' f.txt; cat f.txt", FRUIT)).toEqual(result('apple\nBanana\nCHERRY\napple pie\n'));
  });

  it('exits with q codes and reports errors like GNU sed', () => {
    expect(sh("sed '1q5' f.txt", FRUIT)).toEqual(result('apple\n', '', 5));
    expect(sh("sed 's/a/b' f.txt", FRUIT)).toEqual(result('', "sed: -e expression #1, char 5: unterminated `s' command\n", 1));
    expect(sh('sed k f.txt', FRUIT)).toEqual(result('', "sed: -e expression #1, char 1: unknown command: `k'\n", 1));
    expect(sh("sed -e p -e 's/x/'", FRUIT)).toEqual(result('', "sed: -e expression #2, char 4: unterminated `s' command\n", 1));
    expect(sh("sed 's/a/b/' nosuch", FRUIT)).toEqual(result('', "sed: can't read nosuch: No such file or directory\n", 2));
    expect(sh('sed')).toEqual(result('', 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n', 1));
    expect(sh("sed -i 's/a/b/'")).toEqual(result('', 'sed: no input files\n', 1));
  });
});
