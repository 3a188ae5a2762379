// kubectl's building blocks on their own: pflag parsing (with a fast-check fuzz of whole
// command lines that must never crash the emulator), Go durations, HumanDuration, the
// tabwriter, the go-yaml emitter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlagSet, parseGoDuration } from '../../../sandbox/cli/kubectl/cli/flags.ts';
import { humanDuration } from '../../../sandbox/cli/kubectl/printers/duration.ts';
import { DESCRIBE_TABS, GET_TABS, tabAlign } from '../../../sandbox/cli/kubectl/printers/tabwriter.ts';
import { toYaml } from '../../../sandbox/cli/kubectl/printers/yaml.ts';
import { lab } from './fixture.ts';

const flags = new FlagSet([
  { name: 'namespace', shorthand: 'n', type: 'string', usage: '' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: '' },
  { name: 'output', shorthand: 'o', type: 'string', usage: '' },
  { name: 'replicas', type: 'int', usage: '' },
  { name: 'timeout', type: 'duration', usage: '' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: '' },
  { name: 'for', type: 'stringArray', usage: '' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged', usage: '' },
]);

describe('pflag parsing', () => {
  it('reads long, short, joined and bundled flags', () => {
    const r = flags.parse(['get', '-nkube-system', '-Ao', 'wide', '--replicas=3', '--timeout', '1m30s', '-L', 'a,b', '-L=c', '--for=x', '--for', 'y', '--dry-run', 'pods']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.parsed.flags;
    expect(f.string('namespace')).toBe('kube-system');
    expect(f.bool('all-namespaces')).toBe(true);
    expect(f.string('output')).toBe('wide');
    expect(f.int('replicas', 0)).toBe(3);
    expect(f.string('timeout')).toBe('1m30s');
    expect(f.list('label-columns')).toEqual(['a', 'b', 'c']);
    expect(f.list('for')).toEqual(['x', 'y']);
    expect(f.string('dry-run')).toBe('unchanged');
    expect(r.parsed.args).toEqual(['get', 'pods']);
  });

  it('stops at -- and remembers where', () => {
    const r = flags.parse(['exec', 'web', '--', 'ls', '-n', 'x']);
    expect(r.ok && r.parsed.args).toEqual(['exec', 'web', 'ls', '-n', 'x']);
    expect(r.ok && r.parsed.argsLenAtDash).toBe(2);
  });

  it('reports errors with pflag texts', () => {
    const err = (argv: string[]) => {
      const r = flags.parse(argv);
      return r.ok ? 'ok' : r.error;
    };
    expect(err(['--bogus'])).toBe('unknown flag: --bogus');
    expect(err(['-x'])).toBe("unknown shorthand flag: 'x' in -x");
    expect(err(['-n'])).toBe("flag needs an argument: 'n' in -n");
    expect(err(['--namespace'])).toBe('flag needs an argument: --namespace');
    expect(err(['--replicas=three'])).toBe('invalid argument "three" for "--replicas" flag: strconv.ParseInt: parsing "three": invalid syntax');
    expect(err(['--timeout=5'])).toBe('invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"');
    expect(err(['--timeout=2d'])).toBe('invalid argument "2d" for "--timeout" flag: time: unknown unit "d" in duration "2d"');
    expect(err(['--timeout=soon'])).toBe('invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"');
    expect(err(['---x'])).toBe('bad flag syntax: ---x');
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('250ms')).toBe(250);
    expect(parseGoDuration('-1s')).toBe(-1000);
    expect(parseGoDuration('5')).toBeUndefined();
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('.5s')).toBe(500);
    expect(parseGoDuration('1.s')).toBe(1000);
    expect(parseGoDuration('.s')).toBeUndefined();
  });
});

describe('printing helpers', () => {
  it('prints ages as HumanDuration does', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    const cases: [number, string][] = [
      [-2 * s, '<invalid>'],
      [-500, '0s'],
      [0, '0s'],
      [119 * s, '119s'],
      [2 * m, '2m'],
      [5 * m + 7 * s, '5m7s'],
      [10 * m + 30 * s, '10m'],
      [179 * m, '179m'],
      [3 * h + 20 * m, '3h20m'],
      [8 * h, '8h'],
      [47 * h, '47h'],
      [2 * d + 5 * h, '2d5h'],
      [8 * d, '8d'],
      [730 * d, '2y'],
      [800 * d, '2y70d'],
      [9 * 365 * d, '9y'],
    ];
    for (const [ms, text] of cases) expect(humanDuration(ms), text).toBe(text);
  });

  it('aligns columns as text/tabwriter', () => {
    expect(tabAlign('NAME\tREADY\tAGE\nweb-1\t1/1\t5m\nx\t0/1\t10s\n', GET_TABS)).toBe('NAME    READY   AGE\nweb-1   1/1     5m\nx       0/1     10s\n');
    expect(tabAlign('Name:\tweb\nLabels:\tapp=web\n\tx=y\n', DESCRIBE_TABS)).toBe('Name:    web\nLabels:  app=web\n         x=y\n');
    // A line with fewer cells ends the column blocks to its right.
    expect(tabAlign('a\tb\tc\nlonger\n\tdd\te\n', { minWidth: 0, padding: 1 })).toBe('a b c\nlonger\n dd e\n');
  });

  it('emits YAML as go-yaml v2 does', () => {
    const text = toYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' }, annotations: {} },
      data: { empty: '', number: '1', yes: 'yes', multi: 'a\nb\n', colon: 'a: b', list: '[x]', star: '*', spaces: ' lead' },
      list: [{ a: 1, b: [true, null] }, []],
    });
    expect(text).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  colon: \'a: b\'',
        '  empty: ""',
        '  list: \'[x]\'',
        '  multi: |',
        '    a',
        '    b',
        '  number: "1"',
        "  spaces: ' lead'",
        "  star: '*'",
        '  "yes": "yes"',
        'kind: ConfigMap',
        'list:',
        '- a: 1',
        '  b:',
        '  - true',
        '  - null',
        '- []',
        'metadata:',
        '  annotations: {}',
        '  labels:',
        '    app.kubernetes.io/name: web',
        '  name: x',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl never crashes', () => {
  it('survives random command lines (fast-check)', () => {
    const h = lab();
    const word = fc.oneof(
      fc.constantFrom('get', 'describe', 'delete', 'apply', 'logs', 'exec', 'run', 'expose', 'scale', 'label', 'annotate', 'patch', 'rollout', 'status', 'restart', 'undo', 'wait', 'config', 'view', 'use-context', 'explain', 'events', 'cordon', 'create', 'deployment', 'service', 'clusterip', 'top', 'version', 'api-resources', 'cluster-info', 'set', 'image', 'debug', 'help', 'completion', 'bash', 'history'),
      fc.constantFrom('pods', 'po', 'deploy/web', 'svc', 'web', 'nodes', 'all', 'ns', 'cm', 'ep', 'rs', 'x', 'web-84d7d89658-mfxbr', 'pods,svc', 'deployment.apps', 'pods.spec'),
      fc.constantFrom('-n', 'kube-system', '-A', '-o', 'yaml', 'json', 'wide', 'name', 'jsonpath={.items[*].metadata.name}', 'custom-columns=N:.metadata.name', '-l', 'app=web', '--', '-f', '-', '--replicas=2', '--image=nginx', '--port=80', '-p', '{"spec":{}}', '--type=json', '--for=condition=Ready', '--timeout=1s', '--dry-run=client', '-it', '--rm', '-c', 'nginx', 'a=b', 'a-', '--overwrite', '--all', '--watch=false', '-h', '--field-selector', 'x=y', '--sort-by=.metadata.name', 'nginx=nginx:1.28', '*=busybox', '--image=busybox', 'go-template={{.kind}}', '--profile=general'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 7 }), (words) => {
        const r = h.run(['kubectl', ...words.map((w) => `'${w.replace(/'/g, '')}'`)].join(' '));
        expect(r.stderr).not.toMatch(/internal error in the sandbox's kubectl/);
        expect([0, 1, 2]).toContain(r.exitCode);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('survives random JSONPath and label selectors', () => {
    const h = lab();
    const piece = fc.constantFrom('{', '}', '.', '..', '[', ']', '*', '?(@', ')', '==', '"a"', 'metadata', 'name', 'items', '0', '-1', ':', ',', 'range', 'end', '@', '$', "'", '\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.array(fc.constantFrom('app', '=', '!=', 'in', '(', ')', ',', 'web', '!', ' ', 'notin', 'x'), { maxLength: 6 }), (jp, sel) => {
        const a = h.run(`kubectl get pods -o 'jsonpath=${jp.join('').replace(/'/g, '')}'`);
        expect(a.stderr).not.toMatch(/internal error/);
        const b = h.run(`kubectl get pods -l '${sel.join('').replace(/'/g, '')}'`);
        expect(b.stderr).not.toMatch(/internal error/);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
