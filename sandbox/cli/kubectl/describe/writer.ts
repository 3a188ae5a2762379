// kubectl describe's output machinery (pkg/describe/describe.go): a prefix writer that indents
// two spaces per level, a tab writer with padding 2 over the whole text (flushed before the
// events table, so that table aligns on its own), and the shared blocks: multi-line labels and
// annotations, tolerations, RFC1123Z times, and the Events table with its `(xN over ...)` ages.
import type { K8sEvent } from '../../../model/k8s/types.ts';
import { humanDuration } from '../printers/duration.ts';
import { DESCRIBE_TABS, tabAlign } from '../printers/tabwriter.ts';

export class DescribeWriter {
  private segments: string[] = [''];

  /** w.Write(level, text): text is written after 2*level spaces. */
  write(level: number, text: string): void {
    this.segments[this.segments.length - 1] += '  '.repeat(level) + text;
  }

  /** Aligns what was written so far on its own (tabwriter Flush). */
  flush(): void {
    this.segments.push('');
  }

  toString(): string {
    return this.segments.map((s) => tabAlign(s, DESCRIBE_TABS)).join('');
  }

  /** The text with its tabs as written (a PrefixWriter with no tabwriter under it). */
  raw(): string {
    return this.segments.join('');
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go time.RFC1123Z of an RFC 3339 timestamp (UTC): `Thu, 26 Nov 2026 09:00:00 +0000`. */
export function rfc1123z(timestamp: string | undefined | null): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  const d = new Date(Number.isNaN(t) ? 0 : t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Time String(): `2026-11-26 09:00:00 +0000 UTC`. */
export function goTimeString(timestamp: string | undefined | null): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  const d = new Date(Number.isNaN(t) ? 0 : t);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

export function sinceText(timestamp: string | undefined | null, now: number): string {
  if (!timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** printLabelsMultilineWithIndent: first entry after the title, the rest aligned below it. */
export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

const SKIP_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];
const MAX_ANNOTATION_LEN = 140;

export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.includes(k))
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) {
        w.write(0, `${indent}  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: unknown[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...((tolerations ?? []) as Toleration[])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** DescribeEvents: the events about one object, oldest last-seen first. */
export function describeEvents(w: DescribeWriter, events: readonly K8sEvent[] | undefined, now: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // By last seen; events recorded at the same instant keep the order they were created in.
  const created = (e: K8sEvent) => Number(e.metadata.creationTimestamp ? Date.parse(e.metadata.creationTimestamp) : 0);
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp || '0') - Date.parse(b.lastTimestamp || '0') || created(a) - created(b) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const eventTime = e['eventTime'] as string | undefined;
    const first = eventTime ? sinceText(eventTime, now) : sinceText(e.firstTimestamp, now);
    const series = e['series'] as { lastObservedTime?: string; count?: number } | undefined;
    let interval = first;
    if (series) interval = `${sinceText(series.lastObservedTime, now)} (x${series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${sinceText(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    const message = (e.message ?? '').trim();
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${message}\n`);
  }
}
