// The exact text BIND 9.18's dig prints (bin/dig/dig.c, lib/dns/message.c): greeting, header
// and flags, OPT pseudosection, QUESTION/ANSWER/AUTHORITY/ADDITIONAL sections, statistics with
// `(UDP)`/`(TCP)`, and `+short`. Transport errors and `no servers could be reached` follow
// dighost.c of 9.18.10 and later (exit code 9).
import { hexOf } from '../../core/hash.ts';
import { questionLine, recordLine, transportErrors, whenText } from './format-common.ts';
import { inZone } from './names.ts';
import type { ToolOutput } from './format-nslookup.ts';
import type { ResolveResult } from './types.ts';

/** The dig of Ubuntu 22.04, what AKS nodes and most debug images ship. */
export const DIG_VERSION = '9.18.30-0ubuntu0.22.04.2-Ubuntu';

export interface DigInput {
  result: ResolveResult;
  /** The arguments after `dig`, echoed in the greeting line. */
  args: string[];
  /** The server as given with `@`; the greeting then says `(1 server found)`. */
  serverArg?: string;
  short?: boolean;
  /** Virtual time of the query, for `;; WHEN:`. */
  nowMs: number;
  version?: string;
}

function greeting(input: DigInput): string[] {
  const lines = ['', `; <<>> DiG ${input.version ?? DIG_VERSION} <<>> ${input.args.join(' ')}`];
  if (input.serverArg) lines.push('; (1 server found)');
  lines.push(';; global options: +cmd');
  return lines;
}

export function formatDig(input: DigInput): ToolOutput {
  const r = input.result;
  const out: string[] = [];
  const errors = transportErrors(r.exchanges).filter((l) => !(input.short && l.startsWith(';; Truncated')));
  out.push(...errors);
  if (r.status === 'TIMEOUT') {
    if (!input.short) out.push(...greeting(input));
    out.push(';; no servers could be reached');
    return { stdout: `${out.join('\n')}\n`, exitCode: 9 };
  }
  if (input.short) {
    out.push(...r.answers.map((a) => a.data));
    return { stdout: out.length > 0 ? `${out.join('\n')}\n` : '', exitCode: 0 };
  }
  out.push(...greeting(input), ';; Got answer:');
  if (inZone(r.question.name, 'local')) {
    out.push(';; WARNING: .local is reserved for Multicast DNS', ';; You are currently testing what happens when an mDNS query is leaked to DNS');
  }
  out.push(`;; ->>HEADER<<- opcode: QUERY, status: ${r.status}, id: ${r.id}`);
  const flags = ['qr', r.authoritative ? 'aa' : '', 'rd', r.recursionAvailable ? 'ra' : ''].filter(Boolean).join(' ');
  const additional = r.additional.length + (r.edns ? 1 : 0);
  out.push(`;; flags: ${flags}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${additional}`);
  if (!r.recursionAvailable) out.push(';; WARNING: recursion requested but not available');
  out.push('');
  if (r.edns) {
    out.push(';; OPT PSEUDOSECTION:', `; EDNS: version: 0, flags:; udp: ${r.edns.udpSize}`);
    if (r.edns.cookieEchoed) out.push(`; COOKIE: ${hexOf(`dig-cookie/${r.id}`, 16)} (echoed)`);
  }
  out.push(';; QUESTION SECTION:', questionLine(r.question.name, r.question.type), '');
  for (const [title, records] of [['ANSWER', r.answers], ['AUTHORITY', r.authority], ['ADDITIONAL', r.additional]] as const) {
    if (records.length === 0) continue;
    out.push(`;; ${title} SECTION:`, ...records.map(recordLine), '');
  }
  out.push(
    `;; Query time: ${r.lastQueryMs} msec`,
    `;; SERVER: ${r.server.ip}#53(${input.serverArg ?? r.server.ip}) (${r.protocol.toUpperCase()})`,
    `;; WHEN: ${whenText(input.nowMs)}`,
    `;; MSG SIZE  rcvd: ${r.messageSize}`,
    '',
  );
  return { stdout: `${out.join('\n')}\n`, exitCode: 0 };
}
