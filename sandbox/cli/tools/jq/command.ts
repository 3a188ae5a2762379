// The jq command: options (-r -j -c -e -n -s -S -a --tab --indent --arg --argjson), the
// program, inputs from stdin or files, output formatting, and jq's error texts and exit codes
// (2 usage or bad input, 3 compile error, 5 runtime error; -e: 1 for false/null, 4 for none).
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import { isBuiltin } from './builtins.ts';
import { evaluate, newEnv } from './eval.ts';
import { parseInputs } from './input.ts';
import { JqSyntaxError } from './lexer.ts';
import { parseJq, type Node } from './parser.ts';
import { JqError, toJson, truthy, type Json, type PrintOptions } from './values.ts';

const USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [ARGUMENTS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified except for formatting. For more advanced filters see
the jq(1) manpage ("man jq") and/or https://jqlang.github.io/jq/.

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t  "foo": 0
\t}

For listing the command options, use jq --help.
`;

/** Names a program calls that are neither defined by it nor builtins. */
function undefinedCalls(node: Node, defined: Set<string>): string[] {
  const out: string[] = [];
  const walk = (n: Node, scope: Set<string>) => {
    switch (n.k) {
      case 'call': {
        const key = `${n.name}/${n.args.length}`;
        if (!scope.has(key) && !(n.args.length === 0 && scope.has(`${n.name}/closure`)) && !isBuiltin(n.name, n.args.length)) out.push(key);
        n.args.forEach((a) => walk(a, scope));
        return;
      }
      case 'def': {
        const inner = new Set(scope);
        inner.add(`${n.name}/${n.params.length}`);
        const bodyScope = new Set(inner);
        for (const p of n.params) if (!p.startsWith('$')) bodyScope.add(`${p}/closure`);
        walk(n.body, bodyScope);
        walk(n.rest, inner);
        return;
      }
      default:
        for (const v of Object.values(n)) {
          if (v && typeof v === 'object' && 'k' in (v as object)) walk(v as Node, scope);
          if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'k' in x) walk(x as Node, scope);
          if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'key' in x) {
            walk((x as { key: Node }).key, scope);
            walk((x as { value: Node }).value, scope);
          }
        }
    }
  };
  walk(node, defined);
  return out;
}

export function runJq(ctx: CommandContext, version: string, nowMs: number): CommandResult {
  const args = ctx.argv.slice(1);
  const o = { raw: false, join: false, compact: false, exit: false, nullInput: false, slurp: false, sort: false, ascii: false, tab: false, indent: 2, rawInput: false };
  const vars: Record<string, Json> = { ENV: { ...ctx.env }, __now: nowMs };
  const positional: string[] = [];
  const v17 = !version.startsWith('1.6');
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--arg' || a === '--argjson') {
      const name = args[i + 1];
      const value = args[i + 2];
      if (name === undefined || value === undefined) return { stdout: '', stderr: `jq: ${a} takes two parameters (e.g. ${a} varname ${a === '--arg' ? 'value' : 'text'})\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`, exitCode: 2 };
      if (a === '--arg') vars[name] = value;
      else {
        try {
          vars[name] = JSON.parse(value) as Json;
        } catch {
          return { stdout: '', stderr: `jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`, exitCode: 2 };
        }
      }
      i += 2;
      continue;
    }
    if (a === '--indent') {
      o.indent = Number(args[++i] ?? 2);
      continue;
    }
    if (a.startsWith('--')) {
      const flag = a.slice(2);
      const map: Record<string, keyof typeof o> = { 'raw-output': 'raw', 'join-output': 'join', 'compact-output': 'compact', 'exit-status': 'exit', 'null-input': 'nullInput', slurp: 'slurp', 'sort-keys': 'sort', 'ascii-output': 'ascii', tab: 'tab', 'raw-input': 'rawInput' };
      if (flag === 'help') return { stdout: USAGE, stderr: '', exitCode: 0 };
      if (flag === 'version') return { stdout: `jq-${version}\n`, stderr: '', exitCode: 0 };
      if (['color-output', 'monochrome-output', 'unbuffered', 'seq', 'stream'].includes(flag)) continue;
      const key = map[flag];
      if (!key) return { stdout: '', stderr: `jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`, exitCode: 2 };
      (o as Record<string, unknown>)[key] = true;
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && positional.length === 0) {
      for (const c of a.slice(1)) {
        const map: Record<string, keyof typeof o> = { r: 'raw', j: 'join', c: 'compact', e: 'exit', n: 'nullInput', s: 'slurp', S: 'sort', a: 'ascii', R: 'rawInput' };
        if (c === 'C' || c === 'M') continue;
        if (c === 'h') return { stdout: USAGE, stderr: '', exitCode: 0 };
        const key = map[c];
        if (!key) return { stdout: '', stderr: `jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`, exitCode: 2 };
        (o as Record<string, unknown>)[key] = true;
      }
      continue;
    }
    positional.push(a);
  }
  if (o.join) o.raw = true;
  let program = positional.shift();
  if (program === undefined) {
    if (!ctx.stdin) return { stdout: '', stderr: USAGE, exitCode: 2 };
    program = '.';
  }
  let ast: Node;
  try {
    ast = parseJq(program);
  } catch (e) {
    const msg = e instanceof JqSyntaxError ? e.message : String(e);
    const tail = msg.startsWith('syntax error') ? `${msg} (Unix shell quoting issues?) at <top-level>, line 1:` : `${msg} at <top-level>, line 1:`;
    return { stdout: '', stderr: `jq: error: ${tail}\n${program}\njq: 1 compile error\n`, exitCode: 3 };
  }
  const missing = undefinedCalls(ast, new Set());
  if (missing.length > 0) {
    const lines = missing.map((m) => `jq: error: ${m} is not defined at <top-level>, line 1:\n${program}`);
    return { stdout: '', stderr: `${lines.join('\n')}\njq: ${missing.length} compile error${missing.length > 1 ? 's' : ''}\n`, exitCode: 3 };
  }
  // Inputs.
  let text = '';
  let source = '<stdin>';
  if (positional.length > 0) {
    for (const f of positional) {
      const path = ctx.fs.resolve(ctx.cwd, f);
      if (!ctx.fs.exists(path) || ctx.fs.isDir(path)) return { stdout: '', stderr: `jq: error: Could not open ${f}: ${ctx.fs.exists(path) ? 'Is a directory' : 'No such file or directory'}\n`, exitCode: 2 };
      text += ctx.fs.readFile(path);
      source = f;
    }
  } else text = ctx.stdin;
  let inputs: { value: Json; line: number }[];
  let inputError: string | undefined;
  if (o.rawInput) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    inputs = o.slurp ? [{ value: text, line: lines.length }] : lines.map((l, i) => ({ value: l, line: i + 1 }));
  } else {
    const parsed = parseInputs(text);
    inputs = parsed.values;
    if (!parsed.ok) inputError = parsed.error;
    if (o.slurp) inputs = [{ value: inputs.map((x) => x.value), line: inputs[inputs.length - 1]?.line ?? 0 }];
  }
  if (o.nullInput) inputs = [{ value: null, line: 0 }];
  const print: PrintOptions = { compact: o.compact, indent: o.tab ? '\t' : ' '.repeat(Math.max(0, Math.min(7, o.indent))), sortKeys: o.sort, ascii: o.ascii };
  if (!o.tab && o.indent === 0) print.compact = true;
  let stdout = '';
  let stderr = '';
  let code = 0;
  let last: Json | undefined;
  let produced = false;
  for (const input of inputs) {
    try {
      const env = newEnv(vars);
      for (const out of evaluate(ast, input.value, env)) {
        produced = true;
        last = out;
        stdout += o.raw && typeof out === 'string' ? out : toJson(out, print);
        if (!o.join) stdout += '\n';
      }
    } catch (e) {
      if (!(e instanceof JqError)) throw e;
      code = 5;
      const where = `(at ${source}:${input.line})`;
      stderr += typeof e.value === 'string' ? `jq: error ${where}: ${e.value}\n` : `jq: error ${where} (not a string): ${toJson(e.value, { compact: true })}\n`;
      if (e.message === 'program too expensive for the sandbox') break;
    }
  }
  if (inputError) {
    // jq 1.6 prints the bare message; 1.7 prefixes it with "jq: ".
    stderr += `${v17 ? 'jq: ' : ''}parse error: ${inputError}\n`;
    code = 2;
  }
  if (code === 0 && o.exit) code = !produced ? 4 : truthy(last ?? null) ? 0 : 1;
  return { stdout, stderr, exitCode: code };
}
