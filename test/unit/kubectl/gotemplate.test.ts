// kubectl -o go-template: Go text/template semantics over JSON-decoded objects (fields, missing
// keys, pipelines, variables, control actions, builtins, kubectl's exists and base64decode) and
// Go's parse and execution error texts; a fast-check fuzz: always a result or a template error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeGoTemplate } from '../../../sandbox/cli/kubectl/gotemplate/exec.ts';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web' } }, spec: { replicas: 3, ratio: 0.5 }, status: { ready: true, cond: null } },
    { metadata: { name: 'b' }, spec: { replicas: 0 }, status: { ready: false } },
  ],
  secret: 'czNjcjN0',
};

function run(template: string, missingKeyError = false): string {
  const r = executeGoTemplate(template, data, { missingKeyError });
  return r.ok ? r.text : `${r.text}!${r.error}`;
}

describe('go-template execution', () => {
  it('prints fields, maps, lists and missing keys as Go does', () => {
    expect(run('{{.kind}} {{len .items}}')).toBe('List 2');
    expect(run('{{(index .items 0).metadata.labels}}')).toBe('map[app:web]');
    expect(run('{{(index .items 0).spec}}')).toBe('map[ratio:0.5 replicas:3]');
    expect(run('{{.nope}} {{.nope.deeper}}')).toBe('<no value> <no value>');
    expect(run('{{(index .items 0).status.cond}}')).toBe('<no value>');
    expect(run('{{index .items 5}}')).toMatch(/error calling index: index out of range: 5$/);
  });

  it('ranges with variables, else, break and continue', () => {
    expect(run('{{range .items}}{{.metadata.name}},{{end}}')).toBe('a,b,');
    expect(run('{{range $i, $e := .items}}{{$i}}={{$e.metadata.name}} {{end}}')).toBe('0=a 1=b ');
    expect(run('{{range $k, $v := (index .items 0).spec}}{{$k}}:{{$v}};{{end}}')).toBe('ratio:0.5;replicas:3;');
    expect(run('{{range .nope}}x{{else}}empty{{end}}')).toBe('empty');
    expect(run('{{range .items}}{{if not .status.ready}}{{break}}{{end}}{{.metadata.name}}{{end}}')).toBe('a');
    expect(run('{{range .items}}{{if .status.ready}}{{continue}}{{end}}{{.metadata.name}}{{end}}')).toBe('b');
    expect(run('{{range 3}}{{.}}{{end}}')).toBe('012');
  });

  it('branches with if, else if, with and the comparison functions', () => {
    expect(run('{{range .items}}{{if gt .spec.replicas 2}}big{{else if eq .spec.replicas 0}}none{{else}}some{{end}} {{end}}')).toBe('big none ');
    expect(run('{{with (index .items 0).metadata.labels}}{{.app}}{{end}}|{{with .nope}}x{{else}}no{{end}}')).toBe('web|no');
    expect(run('{{eq .kind "List" "Pod"}} {{ne .kind "Pod"}} {{lt 1 2}} {{le "a" "a"}} {{ge 2 3}}')).toBe('true true true true false');
    expect(run('{{and 1 0 2}} {{or 0 "" "x"}} {{not true}}')).toBe('0 x false');
    expect(run('{{eq 1 "1"}}')).toMatch(/at <eq 1 "1">: error calling eq: incompatible types for comparison$/);
    expect(run('{{eq .nope "x"}}')).toBe('false');
  });

  it('formats with print, printf, println and escapes', () => {
    expect(run('{{printf "%s has %d (%v) %5.2f|%-4s|%q" .kind 3 true 1.5 "ab" "x"}}')).toBe('List has 3 (true)  1.50|ab  |"x"');
    expect(run('{{printf "%d" "x"}} {{printf "%s"}} {{printf "a" 1}}')).toBe('%!d(string=x) %!s(MISSING) a%!(EXTRA int64=1)');
    expect(run('{{print 1 2 "a" "b" 3}}')).toBe('1 2ab3');
    expect(run('{{println "a" 1}}')).toBe('a 1\n');
    expect(run('{{html "<a&b>"}} {{urlquery "a b&c"}} {{js "it\'s"}}')).toBe("&lt;a&amp;b&gt; a+b%26c it\\'s");
    expect(run('{{.kind | printf "%s!"}}')).toBe('List!');
  });

  it("has kubectl's exists and base64decode", () => {
    expect(run('{{.secret | base64decode}}')).toBe('s3cr3t');
    expect(run('{{base64decode "!!"}}')).toMatch(/error calling base64decode: base64 decode failed: illegal base64 data at input byte 0$/);
    expect(run('{{exists . "items" 0 "metadata"}} {{exists . "items" 9}} {{exists . "nope"}}')).toBe('true false false');
  });

  it('trims spaces and skips comments', () => {
    expect(run('a  {{- .kind -}}  b {{/* note */}}c {{- /* x */ -}} d')).toBe('aListb cd');
  });

  it('declares and assigns variables', () => {
    expect(run('{{$n := len .items}}{{$n}}{{$n = 7}} {{$n}} {{$}}'.replace(' {{$}}', ''))).toBe('2 7');
    expect(run('{{range .items}}{{$.kind}}{{end}}')).toBe('ListList');
  });

  it('reports parse errors as Go does', () => {
    const parse = (t: string) => {
      const r = executeGoTemplate(t, data);
      return r.ok ? 'ok' : `${r.phase}: ${r.error}`;
    };
    expect(parse('{{.kind}')).toBe("parse: template: output:1: unrecognized character in action: U+007D '}'");
    expect(parse('{{.kind')).toBe('parse: template: output:1: unclosed action');
    expect(parse('{{range .items}}')).toBe('parse: template: output:1: unexpected EOF');
    expect(parse('{{end}}')).toBe('parse: template: output:1: unexpected {{end}}');
    expect(parse('a\n{{foo}}')).toBe('parse: template: output:2: function "foo" not defined');
    expect(parse('{{$x}}')).toBe('parse: template: output:1: undefined variable "$x"');
    expect(parse('{{}}')).toBe('parse: template: output:1: missing value for command');
    expect(parse('{{if}}x{{end}}')).toBe('parse: template: output:1: missing value for if');
    expect(parse('{{break}}')).toBe('parse: template: output:1: {{break}} outside {{range}}');
    expect(parse('{{"unterminated}}')).toBe('parse: template: output:1: unterminated quoted string');
  });

  it('reports execution errors with position and node', () => {
    // A map element is an interface{}; the chain is reported at its second field.
    expect(run('{{.kind.x}}')).toBe('!template: output:1:7: executing "output" at <.kind.x>: can\'t evaluate field x in type interface {}');
    expect(run('{{range .items}}{{.metadata.name.x}}{{end}}')).toBe('!template: output:1:27: executing "output" at <.metadata.name.x>: can\'t evaluate field x in type interface {}');
    // A variable holds the value a pipeline produced, with its dynamic type.
    expect(run('{{$k := .kind}}{{$k.x}}')).toBe('!template: output:1:19: executing "output" at <$k.x>: can\'t evaluate field x in type string');
    expect(run('{{(index .items 0).status.cond.x}}')).toMatch(/nil pointer evaluating interface \{\}\.x$/);
    expect(run('A{{.nope}}', true)).toBe('A!template: output:1:3: executing "output" at <.nope>: map has no entry for key "nope"');
    expect(run('{{len 3}}')).toMatch(/error calling len: len of type int64$/);
    expect(run('{{len}}')).toBe('!template: output:1:2: executing "output" at <len>: wrong number of args for len: want 1 got 0');
    expect(run('{{.kind 1}}')).toMatch(/can't give argument to non-function \.kind$/);
  });

  it('never throws on random templates (fast-check)', () => {
    const piece = fc.constantFrom('{{', '}}', '{{-', '-}}', ' ', '.', '.kind', '.items', '$', '$x', ':=', '=', '|', '(', ')', 'range', 'if', 'else', 'end', 'with', 'len', 'index', 'printf', 'eq', '"s"', '`r`', "'c'", '1', '2.5', ',', 'nil', 'true', 'break', '/*', '*/', 'x', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const r = executeGoTemplate(pieces.join(''), data);
        expect(typeof (r.ok ? r.text : r.error)).toBe('string');
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
