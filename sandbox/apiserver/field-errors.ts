// Field errors as apimachinery's `field.Error` prints them, and the Invalid line kubectl builds
// from them. The offending value is printed the way the cluster's API server prints it: Go's
// `%#v` up to Kubernetes 1.33 (`map[string]string{"app":"web"}`,
// `v1.LabelSelector{MatchLabels:..., MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`),
// JSON from 1.34 on (`{"app":"web"}`, `{"matchLabels":{"app":"web"}}`) — both forms are what
// public error transcripts of those versions show.
import type { FieldError, FieldErrorType } from '../controllers/k8s/service-validation.ts';
import type { LabelSelector } from '../model/k8s/types.ts';

export type { FieldError, FieldErrorType };

export type ValueStyle = 'go' | 'json';

/** Values a field error can carry, with enough type to print them as Go would. */
export type FieldValue =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'stringMap'; value: Record<string, string> | undefined }
  | { kind: 'labelSelector'; value: LabelSelector | undefined }
  | { kind: 'stringList'; value: string[] | undefined };

/** `1.33.5` → 'go', `1.34.1` → 'json'. */
export function valueStyleFor(kubernetesVersion: string | undefined): ValueStyle {
  const match = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion ?? '');
  if (!match) return 'go';
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 1 || minor >= 34 ? 'json' : 'go';
}

const q = (s: string): string => JSON.stringify(s);

function sortedEntries(map: Record<string, string>): [string, string][] {
  return Object.keys(map)
    .sort()
    .map((k) => [k, map[k]!]);
}

function goMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  return `map[string]string{${sortedEntries(map).map(([k, v]) => `${q(k)}:${q(v)}`).join(', ')}}`;
}

function goStrings(list: string[] | undefined): string {
  return list ? `[]string{${list.map(q).join(', ')}}` : '[]string(nil)';
}

function goSelector(sel: LabelSelector): string {
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${goStrings(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

function jsonMap(map: Record<string, string> | undefined): string {
  if (!map) return 'null';
  return `{${sortedEntries(map).map(([k, v]) => `${q(k)}:${q(v)}`).join(',')}}`;
}

function jsonSelector(sel: LabelSelector): string {
  const parts: string[] = [];
  if (sel.matchLabels && Object.keys(sel.matchLabels).length > 0) parts.push(`"matchLabels":${jsonMap(sel.matchLabels)}`);
  if (sel.matchExpressions && sel.matchExpressions.length > 0) {
    const exprs = sel.matchExpressions.map((e) => {
      const fields = [`"key":${q(e.key)}`, `"operator":${q(e.operator)}`];
      if (e.values && e.values.length > 0) fields.push(`"values":[${e.values.map(q).join(',')}]`);
      return `{${fields.join(',')}}`;
    });
    parts.push(`"matchExpressions":[${exprs.join(',')}]`);
  }
  return `{${parts.join(',')}}`;
}

/** The value part of `Invalid value: <value>: ...`. */
export function formatValue(value: FieldValue, style: ValueStyle): string {
  switch (value.kind) {
    case 'string':
      return q(value.value);
    case 'int':
      return String(value.value);
    case 'stringMap':
      return style === 'go' ? goMap(value.value) : jsonMap(value.value);
    case 'stringList':
      if (style === 'go') return goStrings(value.value);
      return value.value ? `[${value.value.map(q).join(',')}]` : 'null';
    case 'labelSelector':
      // A nil pointer prints as null in both styles (field.Error dereferences pointers).
      if (!value.value) return 'null';
      return style === 'go' ? goSelector(value.value) : jsonSelector(value.value);
  }
}

export const str = (value: string): FieldValue => ({ kind: 'string', value });
export const int = (value: number): FieldValue => ({ kind: 'int', value });

/** Builds field errors whose values print in the cluster's style. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  readonly style: ValueStyle;

  constructor(style: ValueStyle) {
    this.style = style;
  }

  private push(type: FieldErrorType, field: string, text: string, value?: string, detail?: string): void {
    const error: FieldError = { type, field, text };
    if (value !== undefined) error.value = value;
    if (detail !== undefined) error.detail = detail;
    this.list.push(error);
  }

  invalid(field: string, value: FieldValue, detail: string): void {
    const v = formatValue(value, this.style);
    this.push('Invalid', field, `${field}: Invalid value: ${v}: ${detail}`, v, detail);
  }

  required(field: string, detail = ''): void {
    this.push('Required', field, `${field}: Required value${detail ? `: ${detail}` : ''}`, undefined, detail || undefined);
  }

  duplicate(field: string, value: FieldValue): void {
    const v = formatValue(value, this.style);
    this.push('Duplicate', field, `${field}: Duplicate value: ${v}`, v);
  }

  unsupported(field: string, value: FieldValue, supported: string[]): void {
    const v = formatValue(value, this.style);
    const detail = supported.map(q).join(', ');
    this.push('Unsupported', field, `${field}: Unsupported value: ${v}: supported values: ${detail}`, v, detail);
  }

  forbidden(field: string, detail: string): void {
    this.push('Forbidden', field, `${field}: Forbidden: ${detail}`, undefined, detail);
  }

  add(errors: readonly FieldError[]): void {
    this.list.push(...errors);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/**
 * What kubectl prints for an Invalid answer: one cause on the same line, several as a `* ` list
 * under the heading (kubectl `MultilineError`; repeated causes are printed once).
 */
export function invalidText(kind: string, name: string, causes: readonly FieldError[]): string {
  const heading = `The ${kind} "${name}" is invalid: `;
  const lines = [...new Set(causes.map((c) => c.text))];
  if (lines.length === 1) return heading + lines[0];
  return `${heading}\n${lines.map((l) => `* ${l}`).join('\n')}`;
}
