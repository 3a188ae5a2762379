// Name and label checks of apimachinery `util/validation`, with its exact error details.
import { FieldErrors, str } from './field-errors.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export const DNS1123_LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY_ERROR =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const tooLong = (max: number) => `must be no more than ${max} characters`;

/** What a kind's name must be: Namespaces are DNS labels, most others DNS subdomains. */
export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'none';

/** The detail messages of a failed name check, in apimachinery's order. */
export function nameProblems(name: string, rule: NameRule): string[] {
  const problems: string[] = [];
  if (rule === 'dns1123-label') {
    if (name.length > 63) problems.push(tooLong(63));
    if (!DNS1123_LABEL.test(name)) problems.push(DNS1123_LABEL_ERROR);
  } else if (rule === 'dns1123-subdomain') {
    if (name.length > 253) problems.push(tooLong(253));
    if (!DNS1123_SUBDOMAIN.test(name)) problems.push(DNS1123_SUBDOMAIN_ERROR);
  }
  return problems;
}

/** `metadata.name` (ValidateObjectMeta): required unless generateName, then the kind's rule. */
export function checkName(errors: FieldErrors, name: string | undefined, rule: NameRule, field = 'metadata.name'): void {
  if (!name) {
    errors.required(field, 'name or generateName is required');
    return;
  }
  for (const problem of nameProblems(name, rule)) errors.invalid(field, str(name), problem);
}

/** A container or port name: a DNS-1123 label. */
export function checkLabelName(errors: FieldErrors, name: string, field: string): void {
  for (const problem of nameProblems(name, 'dns1123-label')) errors.invalid(field, str(name), problem);
}

/** `metadata.labels` keys (qualified names) and values (ValidateLabels). */
export function checkLabels(errors: FieldErrors, labels: Record<string, string> | undefined, field: string): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf('/');
    const namePart = slash < 0 ? key : key.slice(slash + 1);
    if (namePart.length === 0) errors.invalid(field, str(key), 'name part must be non-empty');
    else {
      if (namePart.length > 63) errors.invalid(field, str(key), `name part ${tooLong(63)}`);
      if (!QUALIFIED_NAME_PART.test(namePart)) errors.invalid(field, str(key), NAME_PART_ERROR);
    }
    if (slash >= 0) {
      const prefix = key.slice(0, slash);
      if (prefix.length === 0) errors.invalid(field, str(key), 'prefix part must be non-empty');
      else if (!DNS1123_SUBDOMAIN.test(prefix)) errors.invalid(field, str(key), `prefix part ${DNS1123_SUBDOMAIN_ERROR}`);
    }
    const text = String(value);
    if (text.length > 63) errors.invalid(field, str(text), tooLong(63));
    if (!LABEL_VALUE.test(text)) errors.invalid(field, str(text), LABEL_VALUE_ERROR);
  }
}

/** ConfigMap and Secret data keys (IsConfigMapKey). */
export function checkConfigKeys(errors: FieldErrors, data: Record<string, unknown> | undefined, field: string): void {
  for (const key of Object.keys(data ?? {})) {
    if (!CONFIG_KEY.test(key)) errors.invalid(`${field}[${key}]`, str(key), CONFIG_KEY_ERROR);
    else if (key === '.' || key === '..') errors.invalid(`${field}[${key}]`, str(key), `must not be '${key}'`);
    else if (key.startsWith('..')) errors.invalid(`${field}[${key}]`, str(key), "must not start with '..'");
  }
}
