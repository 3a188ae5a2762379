// `-o/--output` as kubectl's print flags understand it (cli-runtime genericclioptions and
// kubectl get's PrintFlags): which printer a value selects, the errors for unknown formats and
// empty templates, and the generic printers (json, yaml, name, jsonpath, custom-columns) over
// one object or a `kind: List`.
import type { K8sObject } from '../../../model/k8s/types.ts';
import type { MemFS } from '../../../shell/memfs.ts';
import { goJson, goSprint } from '../jsonpath/go-format.ts';
import { executeJsonPath, JsonPath, JsonPathError } from '../jsonpath/eval.ts';
import { JsonPathSyntaxError, parseJsonPath, type JpList } from '../jsonpath/parser.ts';
import { goQuote } from '../cli/flags.ts';
import { checkGoTemplate, executeGoTemplate } from '../gotemplate/exec.ts';
import { GET_TABS, tabAlign } from './tabwriter.ts';
import { toYaml } from './yaml.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; raw: string; template: JpList; asJson: boolean; allowMissingKeys: boolean }
  | { kind: 'custom-columns'; columns: { header: string; path: JpList }[]; noHeaders: boolean }
  | { kind: 'go-template'; raw: string; allowMissingKeys: boolean };

const GENERIC_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const GET_FORMATS = [...GENERIC_FORMATS, 'custom-columns', 'custom-columns-file', 'wide'];

export interface FormatContext {
  /** kubectl get accepts custom-columns and wide too. */
  forGet: boolean;
  fs: MemFS;
  cwd: string;
  /** --template */
  template?: string;
  noHeaders?: boolean;
  /** --allow-missing-template-keys (default true). */
  allowMissingKeys?: boolean;
}

export function allowedFormats(forGet: boolean): string[] {
  return forGet ? GET_FORMATS : GENERIC_FORMATS;
}

function readTemplateFile(ctx: FormatContext, path: string): string | { error: string } {
  const abs = ctx.fs.resolve(ctx.cwd, path);
  if (!ctx.fs.isFile(abs)) return { error: `error reading --template ${path}, open ${path}: no such file or directory` };
  return ctx.fs.readFile(abs);
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPath(expr: string): string | { error: string } {
  if (expr === '') return expr;
  const m = RELAXED.exec(expr);
  if (!m) return { error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  return `{.${m[1] || m[2]}}`;
}

function parseColumns(spec: string): OutputFormat | string {
  if (spec === '') return 'custom-columns format specified but no custom columns given';
  const columns: { header: string; path: JpList }[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`;
    const relaxed = relaxedJsonPath(part.slice(colon + 1));
    if (typeof relaxed !== 'string') return relaxed.error;
    try {
      columns.push({ header: part.slice(0, colon), path: parseJsonPath(relaxed) });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return { kind: 'custom-columns', columns, noHeaders: false };
}

function parseColumnsFile(text: string): OutputFormat | string {
  // bufio.Scanner lines: no empty token after a final newline, \r stripped.
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length < 1) return 'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.';
  const headers = lines[0]!.split(/\s+/).filter(Boolean);
  if (lines.length < 2) return 'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.';
  const specs = lines[1]!.split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length) return `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`;
  const columns: { header: string; path: JpList }[] = [];
  for (let i = 0; i < headers.length; i++) {
    const relaxed = relaxedJsonPath(specs[i]!);
    if (typeof relaxed !== 'string') return relaxed.error;
    try {
      columns.push({ header: headers[i]!, path: parseJsonPath(relaxed) });
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return { kind: 'custom-columns', columns, noHeaders: false };
}

/** The printer an -o value selects, or kubectl's error text (without `error: `). */
export function parseOutputFormat(value: string, ctx: FormatContext): OutputFormat | string {
  let format = value;
  let arg = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    format = value.slice(0, eq);
    arg = value.slice(eq + 1);
  }
  if (format === '' && ctx.template) {
    format = 'go-template';
    arg = ctx.template;
  } else if (eq < 0 && ctx.template && ['jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile', 'custom-columns', 'custom-columns-file'].includes(format)) {
    arg = ctx.template;
  }
  const lower = format.toLowerCase();
  if (format === '') return { kind: 'table', wide: false };
  if (ctx.forGet && format === 'wide') return { kind: 'table', wide: true };
  if (lower === 'json' && eq < 0) return { kind: 'json' };
  if (lower === 'yaml' && eq < 0) return { kind: 'yaml' };
  if (format === 'name' && eq < 0) return { kind: 'name' };
  if (['go-template', 'template', 'go-template-file', 'templatefile'].includes(format)) {
    if (arg === '') return 'template format specified but no template given';
    let text = arg;
    if (format.endsWith('file')) {
      const read = readTemplateFile(ctx, arg);
      if (typeof read !== 'string') return read.error;
      text = read;
    }
    const invalid = checkGoTemplate(text);
    if (invalid) return `error parsing template ${text}, ${invalid}`;
    return { kind: 'go-template', raw: text, allowMissingKeys: ctx.allowMissingKeys ?? true };
  }
  if (['jsonpath', 'jsonpath-as-json', 'jsonpath-file'].includes(format)) {
    if (arg === '') return 'template format specified but no template given';
    let text = arg;
    if (format === 'jsonpath-file') {
      const read = readTemplateFile(ctx, arg);
      if (typeof read !== 'string') return read.error;
      text = read;
    }
    try {
      return { kind: 'jsonpath', raw: text, template: parseJsonPath(text), asJson: format === 'jsonpath-as-json', allowMissingKeys: ctx.allowMissingKeys ?? true };
    } catch (error) {
      return `error parsing jsonpath ${text}, ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (ctx.forGet && (format === 'custom-columns' || format === 'custom-columns-file')) {
    if (format === 'custom-columns-file') {
      if (arg === '') return 'custom-columns format specified but no custom columns given';
      const read = readTemplateFile(ctx, arg);
      if (typeof read !== 'string') return `error reading template ${arg}, open ${arg}: no such file or directory\n`;
      const parsed = parseColumnsFile(read);
      if (typeof parsed !== 'string' && parsed.kind === 'custom-columns') parsed.noHeaders = ctx.noHeaders ?? false;
      return parsed;
    }
    const parsed = parseColumns(arg);
    if (typeof parsed !== 'string' && parsed.kind === 'custom-columns') parsed.noHeaders = ctx.noHeaders ?? false;
    return parsed;
  }
  return `unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${allowedFormats(ctx.forGet).join(',')}`;
}

/** The object as the API returns it to clients (managedFields omitted). */
export function clientView(obj: K8sObject): K8sObject {
  const copy = JSON.parse(JSON.stringify(obj)) as K8sObject;
  if (copy.metadata) delete (copy.metadata as unknown as Record<string, unknown>)['managedFields'];
  return copy;
}

export function asList(objects: readonly K8sObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects.map(clientView), kind: 'List', metadata: { resourceVersion: '' } };
}

/** `pod/web`, `deployment.apps/web`. */
export function nameOf(obj: K8sObject): string {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
  const kind = obj.kind.toLowerCase();
  // NamePrinter: "<unknown>" when the object has no name (kubectl config view -o name).
  return `${group ? `${kind}.${group}` : kind}/${obj.metadata?.name || '<unknown>'}`;
}

export type Printed = { ok: true; text: string } | { ok: false; text: string; error: string };

function customColumns(format: Extract<OutputFormat, { kind: 'custom-columns' }>, items: readonly unknown[]): string {
  const rows: string[] = [];
  if (!format.noHeaders) rows.push(format.columns.map((c) => c.header).join('\t'));
  for (const item of items) {
    const cells = format.columns.map((c) => {
      const lists = new JsonPath(c.path, { allowMissingKeys: true }).findResults(item);
      if (lists.length === 0 || lists[0]!.length === 0) return '<none>';
      return lists.flat().map(goSprint).join(',');
    });
    rows.push(cells.join('\t'));
  }
  return tabAlign(`${rows.join('\n')}\n`, GET_TABS);
}

/**
 * Prints objects with a generic printer. `single`: the request named exactly one object, so it
 * prints as itself rather than inside a List.
 */
export function printObjects(format: OutputFormat, objects: readonly K8sObject[], single: boolean): Printed {
  const data = single && objects.length === 1 ? clientView(objects[0]!) : asList(objects);
  switch (format.kind) {
    case 'json':
      return { ok: true, text: `${goJson(data, '    ')}\n` };
    case 'yaml':
      return { ok: true, text: toYaml(data) };
    case 'name':
      return { ok: true, text: objects.map((o) => `${nameOf(o)}\n`).join('') };
    case 'jsonpath':
      try {
        return { ok: true, text: executeJsonPath(format.template, data, { asJson: format.asJson, allowMissingKeys: format.allowMissingKeys }) };
      } catch (error) {
        const why = error instanceof JsonPathError || error instanceof JsonPathSyntaxError ? error.message : String(error);
        return {
          ok: false,
          text: '',
          error: `error: error executing jsonpath ${JSON.stringify(format.raw)}: Error executing template: ${why}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.raw}\n\tobject given to jsonpath engine was:\n\t\t${goSprint(data)}\n\n`,
        };
      }
    case 'custom-columns':
      return { ok: true, text: customColumns(format, single && objects.length === 1 ? [clientView(objects[0]!)] : objects.map(clientView)) };
    case 'go-template':
      return goTemplate(format, data);
    case 'table':
      return { ok: false, text: '', error: 'error: table output needs a kind' };
  }
}

/** GoTemplatePrinter.PrintObj: on an execution error, the debugging block on stdout. */
function goTemplate(format: Extract<OutputFormat, { kind: 'go-template' }>, data: unknown): Printed {
  const result = executeGoTemplate(format.raw, data, { missingKeyError: !format.allowMissingKeys });
  if (result.ok) return { ok: true, text: result.text };
  const debug = `${result.text}Error executing template: ${result.error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${format.raw}\n\traw data was:\n\t\t${goJson(data)}\n\tobject given to template engine was:\n\t\t${goSprint(data)}\n\n`;
  return { ok: false, text: debug, error: `error: error executing template ${goQuote(format.raw)}: ${result.error}\n` };
}
