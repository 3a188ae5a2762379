// kubectl describe namespace, configmap and secret, and the generic describer for kinds
// without their own (printUnstructuredContent: every field, camelCase keys turned into
// "Smart Labels").
import type { ConfigMap, K8sEvent, K8sObject } from '../../../model/k8s/types.ts';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline } from './writer.ts';

export function describeNamespace(ns: K8sObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${(ns.status as { phase?: string } | undefined)?.phase ?? ''}\n`);
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}

export function describeConfigMap(cm: ConfigMap, events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', cm.metadata.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const key of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${cm.data![key]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = (cm['binaryData'] as Record<string, string> | undefined) ?? {};
  for (const key of Object.keys(binary).sort()) w.write(0, `${key}: ${Math.floor((binary[key]!.length * 3) / 4)} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, now);
  return w.toString();
}

function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeSecret(secret: K8sObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${secret.metadata.name}\n`);
  w.write(0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', secret.metadata.labels);
  annotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(0, `\nType:\t${String(secret['type'] ?? '')}\n`);
  w.write(0, '\nData\n====\n');
  for (const key of Object.keys(secret.data ?? {}).sort()) w.write(0, `${key}:\t${decodedLength(secret.data![key]!)} bytes\n`);
  return w.toString();
}

const ACRONYMS = ['API', 'URL', 'UID', 'GUID', 'IP', 'IPS'];

/** describe's smartLabelFor: `apiVersion` → `API Version`, `nodeName` → `Node Name`. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-/g) ?? [field];
  return parts
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.slice(0, 4).includes(p.toUpperCase()) ? p.toUpperCase() : p === p.toLowerCase() ? p.charAt(0).toUpperCase() + p.slice(1) : p))
    .join(' ');
}

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function unstructured(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (typeof child === 'object' && child !== null) unstructured(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (typeof value === 'object' && value !== null) {
      w.write(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

export function describeGeneric(obj: K8sObject, events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', obj.metadata.labels);
  annotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  unstructured(w, 0, JSON.parse(JSON.stringify(obj)) as Record<string, unknown>, '');
  describeEvents(w, events, now);
  return w.toString();
}
