// Pieces both printers need: BIND's column layout for resource records (lib/dns/masterdump.c:
// tab stops every 8, a single space when a field already passed its column), the transport
// error lines BIND 9.18's dighost prints, and dig's `;; WHEN:` date.
import type { DnsExchange, DnsRecord } from './types.ts';
import { fqdn } from './names.ts';

const TAB = 8;

/** Tabs (then spaces) from column `from` to column `to`; one space when already past it. */
function indent(from: number, to: number): { text: string; column: number } {
  const target = Math.max(to, from + 1);
  const tabs = Math.floor(target / TAB) - Math.floor(from / TAB);
  let text = '';
  let col = from;
  if (tabs > 0) {
    text += '\t'.repeat(tabs);
    col = Math.floor(target / TAB) * TAB;
  }
  text += ' '.repeat(target - col);
  return { text, column: target };
}

/** `name. TTL IN TYPE rdata` laid out at dig's default columns 24/32/40/48. */
export function recordLine(r: DnsRecord): string {
  let line = fqdn(r.name);
  let col = line.length;
  for (const [field, to] of [[String(r.ttl), 24], ['IN', 32], [r.type, 40], [r.data, 48]] as const) {
    const pad = indent(col, to);
    line += pad.text + field;
    col = pad.column + field.length;
  }
  return line;
}

/** The question line: `;name.` then IN and the type at columns 32 and 40 (the `;` is not counted). */
export function questionLine(name: string, type: string): string {
  const owner = fqdn(name);
  let line = owner;
  let col = owner.length;
  for (const [field, to] of [['IN', 32], [type, 40]] as const) {
    const pad = indent(col, to);
    line += pad.text + field;
    col = pad.column + field.length;
  }
  return `;${line}`;
}

/** `;; communications error to 10.0.0.10#53: timed out` for each try that got no reply (BIND ≥ 9.18.10). */
export function transportErrors(exchanges: DnsExchange[]): string[] {
  const lines: string[] = [];
  for (const e of exchanges) {
    if (e.outcome === 'timeout') lines.push(`;; communications error to ${e.server}#53: timed out`);
    else if (e.outcome === 'refused') lines.push(`;; communications error to ${e.server}#53: connection refused`);
    else if (e.outcome === 'truncated') lines.push(';; Truncated, retrying in TCP mode.');
  }
  return lines;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime("%a %b %d %H:%M:%S %Z %Y") in UTC, as dig prints `;; WHEN:` on a UTC machine. */
export function whenText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
