// The exact text BIND 9.18's nslookup prints (bin/dig/nslookup.c): the `Server:`/`Address:`
// header, `Non-authoritative answer:`, `Name:`/`Address:` pairs, `canonical name =` lines, the
// `** server can't find` error, and the transport errors when no server answered. By default
// nslookup looks up A and then AAAA; the header and the Non-authoritative line belong to the A
// lookup only, and a reverse (PTR) lookup of an address prints neither.
import { transportErrors } from './format-common.ts';
import type { DnsRecord, ResolveResult } from './types.ts';

export interface NslookupInput {
  /** The first lookup (A by default, PTR for an address, or the -type given). */
  primary: ResolveResult;
  /** The AAAA follow-up of a default lookup, for the name the A lookup ended on. */
  aaaa?: ResolveResult;
  /** True unless the user gave -type/-query (nslookup's default_lookups). */
  defaultLookups: boolean;
  /** The server as typed (`nslookup name SERVER`); defaults to the address asked. */
  serverArg?: string;
}

export interface ToolOutput {
  stdout: string;
  exitCode: number;
}

const RTYPE_TEXT: Record<string, string> = {
  CNAME: 'canonical name = ',
  PTR: 'name = ',
  SRV: 'service = ',
};

function section(records: DnsRecord[], answer: boolean): string[] {
  const lines: string[] = [];
  for (const r of records) {
    if ((r.type === 'A' || r.type === 'AAAA') && answer) {
      lines.push(`Name:\t${r.name}`, `Address: ${r.data}`);
    } else if (r.type === 'SOA') {
      const [origin, mail, serial, refresh, retry, expire, minimum] = r.data.split(' ');
      lines.push(r.name === '' ? '.' : r.name, `\torigin = ${origin}`, `\tmail addr = ${mail}`, `\tserial = ${serial}`, `\trefresh = ${refresh}`, `\tretry = ${retry}`, `\texpire = ${expire}`, `\tminimum = ${minimum}`);
    } else {
      const prefix = RTYPE_TEXT[r.type] ?? (r.type === 'A' ? '' : r.type === 'AAAA' ? 'has AAAA address ' : '');
      lines.push(`${r.name}\t${prefix}${r.data}`);
    }
  }
  return lines;
}

export function formatNslookup(input: NslookupInput): ToolOutput {
  const { primary, defaultLookups } = input;
  const out: string[] = [];
  let failed = false;
  const type = primary.question.type;
  const showHeader = !defaultLookups || type === 'A';
  let aNoAnswer = false;

  out.push(...transportErrors(primary.exchanges));
  if (primary.status === 'TIMEOUT') {
    out.push(';; no servers could be reached');
    return { stdout: `${out.join('\n')}\n\n`, exitCode: 1 };
  }
  if (showHeader) {
    out.push(`Server:\t\t${input.serverArg ?? primary.server.ip}`, `Address:\t${primary.server.ip}#53`, '');
  }
  if (primary.status !== 'NOERROR') {
    out.push(`** server can't find ${primary.question.name}: ${primary.status}`);
    return { stdout: `${out.join('\n')}\n\n`, exitCode: 1 };
  }
  if (!primary.authoritative && showHeader) out.push('Non-authoritative answer:');
  if (primary.answers.length > 0) out.push(...section(primary.answers, true));
  else if (defaultLookups && type === 'A') aNoAnswer = true;
  else {
    out.push(`*** Can't find ${primary.queriedName.replace(/\.$/, '')}: No answer`);
    failed = true;
  }
  if (!primary.authoritative && type !== 'A' && type !== 'AAAA') {
    out.push('', 'Authoritative answers can be found from:');
    out.push(...section(primary.authority, false), ...section(primary.additional, false));
  }

  const aaaa = input.aaaa;
  if (defaultLookups && type === 'A' && aaaa) {
    out.push(...transportErrors(aaaa.exchanges));
    if (aaaa.status === 'TIMEOUT') {
      out.push(';; no servers could be reached');
      failed = true;
    } else if (aaaa.status !== 'NOERROR') {
      out.push(`** server can't find ${aaaa.question.name}: ${aaaa.status}`);
      failed = true;
    } else if (aaaa.answers.length > 0) {
      out.push(...section(aaaa.answers, true));
    } else if (aNoAnswer) {
      out.push(`*** Can't find ${aaaa.question.name}: No answer`);
      failed = true;
    }
  }
  return { stdout: `${out.join('\n')}\n\n`, exitCode: failed ? 1 : 0 };
}
