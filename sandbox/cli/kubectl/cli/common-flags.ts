// Flag groups several kubectl commands share (cmdutil.AddFilenameOptionFlags,
// AddLabelSelectorFlagVar, the print flags of get and of mutating commands, dry-run).
import type { FlagSpec } from './flags.ts';

export const OUTPUT_FORMATS_GENERIC = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file';
export const OUTPUT_FORMATS_GET = `${OUTPUT_FORMATS_GENERIC}, custom-columns, custom-columns-file, wide`;

export function outputFlag(forGet: boolean): FlagSpec {
  const formats = forGet ? OUTPUT_FORMATS_GET : OUTPUT_FORMATS_GENERIC;
  return {
    name: 'output',
    shorthand: 'o',
    type: 'string',
    usage: `Output format. One of: (${formats}). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].`,
    values: formats.split(', '),
  };
}

export const TEMPLATE_FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', defValue: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'show-managed-fields', type: 'bool', defValue: 'false', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
];

export function printFlags(forGet: boolean): FlagSpec[] {
  return [outputFlag(forGet), ...TEMPLATE_FLAGS];
}

/**
 * -f/-k/-R. cmdutil.AddFilenameOptionFlags prefixes the usage with "Filename, directory, or URL
 * to files "; cli-runtime's FileNameFlags (apply, delete, wait) prints its usage as given and
 * words -k slightly differently.
 */
export function filenameFlags(what: string, options: { fileNameFlags?: boolean } = {}): FlagSpec[] {
  const raw = options.fileNameFlags ?? false;
  return [
    { name: 'filename', shorthand: 'f', type: 'stringSlice', defValue: '[]', usage: raw ? what : `Filename, directory, or URL to files ${what}` },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: `Process ${raw ? 'a' : 'the'} kustomization directory. This flag can't be used together with -f or -R.` },
    { name: 'recursive', shorthand: 'R', type: 'bool', defValue: 'false', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
  ];
}

export const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  shorthand: 'l',
  type: 'string',
  usage: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.',
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: 'all-namespaces',
  shorthand: 'A',
  type: 'bool',
  defValue: 'false',
  usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  defValue: 'none',
  noOptDefVal: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
  values: ['none', 'server', 'client'],
};

export const FIELD_MANAGER = (name: string): FlagSpec => ({ name: 'field-manager', type: 'string', defValue: name, usage: 'Name of the manager used to track field ownership.' });

export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  type: 'string',
  defValue: 'strict',
  usage: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

/** --dry-run: `none`, `client`, `server`; a bare --dry-run is no longer accepted. */
export function dryRunMode(value: string | undefined): 'none' | 'client' | 'server' | { error: string } {
  if (value === undefined || value === '' || value === 'none') return 'none';
  if (value === 'client' || value === 'server') return value;
  if (value === 'true' || value === 'false') {
    return { error: `--dry-run=${value} is no longer supported, use --dry-run=${value === 'true' ? 'client' : 'none'}` };
  }
  return { error: `Invalid dry-run value (${value}). Must be "none", "server", or "client".` };
}
