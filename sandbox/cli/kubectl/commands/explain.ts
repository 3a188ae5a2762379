// kubectl explain (OpenAPI v3 plaintext template, pkg/explain/v2/templates/plaintext.tmpl):
// GROUP/KIND/VERSION, then DESCRIPTION wrapped at 76 columns and FIELDS (`  name\t<type>`,
// `-required-`, enum lines), or for a field path `FIELD: name <type>` with its ENUM.
import type { CommandResult } from '../../../shell/types.ts';
import type { KubectlCommand } from '../cli/command.ts';
import { failure } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { resolveType } from '../client/targets.ts';
import { typeNames } from './complete-args.ts';
import { refOf, SCHEMAS, type FieldSchema } from './explain-schema.ts';

/** go-wordwrap WrapString: break at spaces so lines stay within `limit` (long words stay whole). */
export function wordWrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((line) => {
      const words = line.split(' ');
      const out: string[] = [];
      let current = '';
      for (const word of words) {
        if (current === '') current = word;
        else if (current.length + 1 + word.length <= limit) current += ` ${word}`;
        else {
          out.push(current);
          current = word;
        }
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

function enumText(field: FieldSchema, long: boolean, indentAmount: number): string {
  if (!field.enum) return '';
  const values = field.enum.map((v) => (v === '' ? '""' : v));
  if (long) return `ENUM:${values.map((v) => `\n    ${v}`).join('')}`;
  const shown = values.slice(0, 4).join(', ') + (values.length > 4 ? ', ....' : '');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}`;
}

function description(field: FieldSchema | undefined, schemaName: string | undefined): string {
  let text = '';
  if (field?.description) text += `${field.description}\n`;
  if (schemaName) text += `${SCHEMAS[schemaName]!.description}\n`;
  return text;
}

function fieldList(schemaName: string, level: number, recursive: boolean, seen: Set<string>): string {
  const schema = SCHEMAS[schemaName];
  if (!schema || seen.has(schemaName)) return '';
  const next = new Set(seen).add(schemaName);
  let out = '';
  const amount = level * 2;
  for (const name of Object.keys(schema.fields).sort()) {
    const field = schema.fields[name]!;
    out += `${' '.repeat(amount)}${name}\t<${field.type}>${field.required ? ' -required-' : ''}${enumText(field, false, amount)}\n`;
    if (!recursive) out += `${indent(wordWrap(field.description || '<no description>', 78 - amount), amount + 2)}\n\n`;
    else {
      const ref = refOf(field.type);
      if (ref) out += fieldList(ref, level + 1, true, next);
    }
  }
  return out;
}

const KIND_FOR: Record<string, string> = { Pod: 'Pod', Service: 'Service', Deployment: 'Deployment', NetworkPolicy: 'NetworkPolicy' };

export const explainCommand: KubectlCommand = {
  name: 'explain',
  use: 'TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers

  # Get the documentation of the traffic policy of a Service
  kubectl explain service.spec.externalTrafficPolicy`,
  flags: [
    { name: 'api-version', type: 'string', usage: 'Get different explanations for particular API version (API group/version)' },
    { name: 'output', shorthand: 'o', type: 'string', defValue: 'plaintext', usage: 'Format in which to render the schema (plaintext, plaintext-openapiv2)' },
    { name: 'recursive', type: 'bool', defValue: 'false', usage: 'Print the fields of fields (Currently only 1 level deep)' },
  ],
  run(inv): CommandResult {
    if (inv.args.length === 0) return failure('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    if (inv.args.length > 1) return failure('error: We accept only this format: explain RESOURCE');
    const [typed, ...path] = inv.args[0]!.split('.');
    const type = resolveType(typed!);
    if (typeof type === 'string') return failure(`error: ${type}`);
    const client = connectClient(inv);
    if (isResult(client)) return client;
    const kind = KIND_FOR[type.kind];
    if (!kind) return failure(`error: "kubectl explain ${type.plural}" is not available in this sandbox; it explains pods, services, deployments and networkpolicies`);
    let out = '';
    if (type.group) out += `GROUP:      ${type.group}\n`;
    out += `KIND:       ${type.kind}\nVERSION:    ${type.version}\n\n`;
    let schemaName: string | undefined = kind;
    let field: FieldSchema | undefined;
    for (let i = 0; i < path.length; i++) {
      const name = path[i]!;
      const schema = schemaName ? SCHEMAS[schemaName] : undefined;
      const next = schema?.fields[name];
      if (!next) return failure(`error: field "${name}" does not exist`);
      field = next;
      schemaName = refOf(next.type);
      if (i === path.length - 1) out += `FIELD: ${name} <${next.type}>\n${enumText(next, true, 0)}\n\n`;
    }
    out += `DESCRIPTION:\n${indent(wordWrap(description(field, schemaName) || '<empty>', 76), 4)}\n`;
    if (schemaName) {
      const fields = fieldList(schemaName, 1, inv.flags.bool('recursive'), new Set());
      if (fields) out += `FIELDS:\n${fields}`;
    }
    return { stdout: `${out}\n`, stderr: '', exitCode: 0 };
  },
  completeArgs: (req) => (req.args.length === 0 ? typeNames().filter((t) => t.startsWith(req.partial)) : []),
};
