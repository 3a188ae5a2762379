// kubectl's JSONPath (client-go util/jsonpath): the cases of client-go's own jsonpath_test.go
// that use JSON input, and the examples of the Kubernetes JSONPath reference page.
import { describe, expect, it } from 'vitest';
import { executeJsonPath, JsonPath } from '../../../sandbox/cli/kubectl/jsonpath/eval.ts';
import { parseJsonPath } from '../../../sandbox/cli/kubectl/jsonpath/parser.ts';

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

/** client-go's testJSONPath: the results of every node, printed without the kubectl newline. */
function run(template: string, data: unknown, allowMissingKeys = false): string {
  return executeJsonPath(template, data as never, { allowMissingKeys });
}

function fails(template: string, data: unknown): string {
  try {
    run(template, data);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('JSONPath, client-go TestKubernetes', () => {
  const cases: [string, string][] = [
    ['{range .items[*]}{.metadata.name}, {end}{.kind}', '127.0.0.1, 127.0.0.2, List'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
    ['{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
    ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
    ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
    ['{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
  ];
  for (const [template, expected] of cases) {
    it(template, () => expect(run(template, nodes)).toBe(expected));
  }

  it('{..name} (any order)', () => {
    expect(run('{..name}', nodes).split(' ').sort()).toEqual(['127.0.0.1', '127.0.0.2', 'e2e', 'myself']);
  });
});

describe('JSONPath, the Kubernetes reference page', () => {
  const cases: [string, string][] = [
    ['{.kind}', 'List'],
    ["{['kind']}", 'List'],
    ['{.users[0].name}', 'myself'],
    ['{.items[-1:].metadata.name}', '127.0.0.2'],
    ['{.items[0].status.addresses[?(@.type=="LegacyHostIP")].address}', '127.0.0.1'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', '127.0.0.1\n127.0.0.2\n'],
  ];
  for (const [template, expected] of cases) {
    it(template, () => expect(run(template, nodes)).toBe(expected));
  }
});

describe('JSONPath, client-go input cases', () => {
  const points = [
    { id: 'i1', x: 4, y: -5 },
    { id: 'i2', x: -2, y: -5, z: 1 },
    { id: 'i3', x: 8, y: 3 },
    { id: 'i4', x: -6, y: -1 },
    { id: 'i5', x: 0, y: 2, z: 1 },
    { id: 'i6', x: 1, y: 4 },
    { id: 'i7', x: null, y: 4 },
  ];
  it('filters, brackets and null', () => {
    expect(run('{[?(@.z)].id}', points)).toBe('i2 i5');
    expect(run("{[0]['id']}", points)).toBe('i1');
    expect(run("{[-1]['x']}", points)).toBe('null');
  });

  it('slices', () => {
    const types = { bools: [true, false, true, false], integers: [1, 2, 3, 4], floats: [1, 2.2, 3.3, 4], strings: ['one', 'two', 'three', 'four'], interfaces: [true, 'one', 1, 1.1] };
    expect(run('{ .bools }', types)).toBe('[true,false,true,false]');
    expect(run('{ .bools[-1] }', types)).toBe('false');
    expect(run('{ .bools[:4:2] }', types)).toBe('true true');
    expect(run('{ .integers[-2] }', types)).toBe('3');
    expect(run('{ .floats }', types)).toBe('[1,2.2,3.3,4]');
    expect(run('{ .floats[:4:2] }', types)).toBe('1 3.3');
    expect(run('{ .strings }', types)).toBe('["one","two","three","four"]');
    expect(run('{ .strings[0:2] }', types)).toBe('one two');
    expect(run('{ .interfaces }', types)).toBe('[true,"one",1,1.1]');
    expect(run('{ .interfaces[:4:2] }', types)).toBe('true 1');
  });

  it('plain text, quotes, unions, recursion', () => {
    expect(run('hello jsonpath', null)).toBe('hello jsonpath');
    expect(run('{..}', [1, 2, 3])).toBe('[1,2,3]');
    expect(run('{[?(@<5)]}', [2, 6, 3, 7])).toBe('2 3');
    expect(run('{"{"}', null)).toBe('{');
    expect(run('{[1,3,4]}', [0, 1, 2, 3, 4])).toBe('1 3 4');
    expect(run('{$.Labels.web/html}', { Labels: { 'web/html': 15 } })).toBe('15');
    expect(run('{.Labels.k8s-app}', { Labels: { 'k8s-app': 20 } })).toBe('20');
  });

  it('empty and nested ranges', () => {
    expect(run('{range .items[*]}{.metadata.name}{end}', { items: [] }, true)).toBe('');
    const pods = {
      items: [
        { metadata: { name: 'pod1' }, spec: { containers: [{ name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] }, { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] }] } },
        { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] } },
      ],
    };
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', pods)).toBe('pod1:foo,bar,+pod2:baz,+');
    expect(run('{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}', pods)).toBe('pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#');
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}', pods)).toBe('pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n');
  });

  it('tolerates missing keys in filters only when asked', () => {
    const list = { kind: 'List', items: [{ metadata: { name: 'pod1', annotations: { color: 'blue' } } }, { metadata: { name: 'pod2' } }, { metadata: { name: 'pod3', annotations: { color: 'green' } } }, { metadata: { name: 'pod4', annotations: { color: 'blue' } } }] };
    expect(run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', list, true)).toBe('pod1 pod4');
    expect(() => run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', list, false)).toThrow();
    expect(run('before-{.hello}after', {}, true)).toBe('before-after');
  });

  it('fails with client-go messages', () => {
    const store = { Book: [{ Price: 8.95 }], Labels: { a: 1 } };
    expect(fails('{hello}', store)).toBe('unrecognized identifier hello');
    expect(fails('{.hello}', store)).toBe('hello is not found');
    expect(fails('{.Book[?(@.Price<>10)]}', store)).toBe('unrecognized filter operator <>');
    expect(fails('{range .Labels.*}{@}{end}{end}', store)).toBe('not in range, nothing to end');
    expect(fails('{............................................................Price}', store)).not.toBe('no error');
  });

  it('never throws anything but its own errors on odd templates', () => {
    for (const template of ['{', '}', '{.a[}', '{.a[?(@.b==]}', '{range}', '{end}', '{.a[1:2:3:4]}', "{.a['b}", '{"\\x"}', '{@.a[-9]}', '{.a[?(@.b=="c" && @.d)]}']) {
      try {
        new JsonPath(parseJsonPath(template), { allowMissingKeys: true }).findResults({ a: [1, 2] });
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).not.toMatch(/undefined|Cannot read|is not a function/);
      }
    }
  });
});
