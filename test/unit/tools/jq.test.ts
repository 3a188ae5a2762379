// jq: filters over kubectl/az-shaped JSON, output options, and jq's error texts and exit codes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJq } from '../../../sandbox/cli/tools/jq/parser.ts';
import { goldenIn } from '../../support/golden.ts';
import { lab, transcript } from './fixtures.ts';

const golden = goldenIn('tools');
const l = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'jq-lab');
const DOC = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { metadata: { name: 'web-1', labels: { app: 'web' } }, status: { podIP: '10.244.0.5', phase: 'Running' }, spec: { containers: [{ image: 'nginx:1.27' }] } },
    { metadata: { name: 'db-0' }, status: { phase: 'Pending' }, spec: { containers: [{ image: 'redis:7' }, { image: 'busybox' }] } },
  ],
});
l.h.shell.exec(`printf '%s\\n' '${DOC}' > pods.json`);

function jq(program: string, flags = ''): { stdout: string; stderr: string; exitCode: number } {
  const quoted = `'${program.replace(/'/g, "'\\''")}'`;
  return l.ws(`jq ${flags} ${quoted} pods.json`.replace(/\s+/g, ' '));
}

describe('jq filters', () => {
  it('paths, iteration, select, map, construction, interpolation', () => {
    const cases: [string, string][] = [
      ['.items[0].metadata.name', ''],
      ['.items[].metadata.name', '-r'],
      ['[.items[] | select(.status.phase == "Running") | .metadata.name]', '-c'],
      ['.items | map({name: .metadata.name, ip: (.status.podIP // "none")})', '-c'],
      ['.items[] | "\\(.metadata.name)\\t\\(.status.phase)"', '-r'],
      ['.items[] | [.metadata.name, (.spec.containers | length)] | @tsv', '-r'],
      ['.items | length, (.[0] | keys)', '-c'],
      ['[.items[].spec.containers[].image] | unique | join(",")', '-r'],
      ['.items[1] | del(.spec) | .metadata', '-c'],
      ['.items |= map(.metadata.name) | .items', '-c'],
      ['[.items[] | .metadata.labels // {} | to_entries[] | "\\(.key)=\\(.value)"]', '-c'],
      ['reduce .items[] as $p ({}; .[$p.status.phase] += 1)', '-c'],
      ['.items | group_by(.status.phase) | map({phase: .[0].status.phase, n: length})', '-c'],
      ['[paths(type == "string")] | length', ''],
      ['.items[0] | has("status"), (.metadata | has("namespace"))', '-c'],
      ['[.items[].status.podIP | values]', '-c'],
      ['if .kind == "List" then "list" else "other" end', '-r'],
      ['.items[] | select(.metadata.name | test("^web")) | .status.podIP', '-r'],
      ['{kind, count: (.items | length)}', '-S'],
      ['.items[0].metadata', '--tab'],
    ];
    golden('jq/filters.txt', cases.map(([p, f]) => transcript(`jq ${f ? `${f} ` : ''}'${p}' pods.json`, jq(p, f))).join('\n'));
  });

  it('errors and exit codes', () => {
    const lines = [
      "jq '.kind.x' pods.json",
      "jq '.items[' pods.json",
      "jq 'nosuch' pods.json",
      "jq -e '.missing' pods.json",
      "jq -e '.items[] | select(.x)' pods.json",
      'jq . missing.json',
      'echo hello | jq .',
      "echo '{\"a\":1' | jq .",
      "jq '.items[] | .status.phase + 1' pods.json",
      'jq --bogus . pods.json',
      'jq',
    ];
    golden('jq/errors.txt', lines.map((line) => transcript(line, l.ws(line))).join('\n'));
  });

  it('--arg, --argjson, -n, -s, -j', () => {
    expect(l.ws(`jq -r --arg n db-0 '.items[] | select(.metadata.name == $n) | .status.phase' pods.json`).stdout).toBe('Pending\n');
    expect(l.ws(`jq -n --argjson x '{"a":[1,2]}' '$x.a | add'`).stdout).toBe('3\n');
    expect(l.ws(`printf '1 2 3' | jq -s -c '.'`).stdout).toBe('[1,2,3]\n');
    expect(l.ws(`jq -j '.items[].metadata.name' pods.json`).stdout).toBe('web-1db-0');
  });

  it('node jq is 1.6 (bare parse errors), the workstation 1.7.1', () => {
    expect(l.onNode(0, 'jq --version').stdout).toBe('jq-1.6\n');
    expect(l.onNode(0, 'echo hello | jq .').stderr).toBe('parse error: Invalid numeric literal at line 2, column 0\n');
    expect(l.ws('jq --version').stdout).toBe('jq-1.7.1\n');
  });
});

describe('jq parser fuzz', () => {
  const TOKENS = ['.', '..', '.a', '[', ']', '{', '}', '(', ')', '|', ',', ':', ';', '"s"', '1', '$x', 'as', 'if', 'then', 'else', 'end', 'select', 'map', '==', '+', '//', '?', 'reduce', 'def', 'f', '@base64', '"\\(.a)"'];
  it('parses or throws a syntax error, nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 10 }), (tokens) => {
        try {
          parseJq(tokens.join(' '));
        } catch (e) {
          expect((e as Error).constructor.name).toBe('JqSyntaxError');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the jq command never fails with an internal error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }), (tokens) => {
        const prog = tokens.join(' ').replace(/'/g, '');
        const out = l.ws(`jq -c '${prog}' pods.json`);
        expect(out.stderr).not.toMatch(/internal error/);
      }),
      { numRuns: 200 },
    );
  });
});
