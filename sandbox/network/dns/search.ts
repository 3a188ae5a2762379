// How stub resolvers turn a typed name into the names they actually query (the search list and
// ndots), and how long they wait and retry. The three libraries differ, and lessons show it:
// - glibc (res_search): fewer dots than ndots → search domains first, then the name as is;
//   otherwise the name first, then the search domains. NXDOMAIN, no data and SERVFAIL move on
//   to the next candidate; a timeout ends the search. Retries: `attempts` rounds over all
//   servers, `timeout` seconds each (defaults 2 × 5 s).
// - musl: at least ndots dots → the name alone; only NXDOMAIN moves on; all servers are asked
//   in parallel and `timeout` is the total wait.
// - BIND's nslookup/dig: at least ndots dots → the name alone; only NXDOMAIN moves on; each
//   server gets `attempts` tries (3 unless resolv.conf says otherwise) of `timeout` seconds.
import { countDots, isAbsolute, isValidName, normalizeName } from './names.ts';
import type { ResolvConf } from './resolv-conf-text.ts';
import type { ClientKind, DnsStatus } from './types.ts';

export interface Candidates {
  names: string[];
  /** Why this order, for the learner. */
  reason: string;
}

export function searchCandidates(typed: string, search: string[], ndots: number, client: ClientKind, useSearch: boolean): Candidates {
  const name = normalizeName(typed);
  const valid = (n: string) => isValidName(n);
  if (isAbsolute(typed)) return { names: [name], reason: `"${typed}" ends with a dot: it is absolute, the search list does not apply` };
  if (!useSearch || search.length === 0) {
    return { names: [name], reason: useSearch ? 'resolv.conf has no search domains' : 'the search list is not used for this query' };
  }
  const dots = countDots(typed);
  const expanded = search.map((d) => `${name}.${normalizeName(d)}`).filter(valid);
  if (dots < ndots) {
    return {
      names: [...expanded, name],
      reason: `"${typed}" has ${dots} dot${dots === 1 ? '' : 's'}, fewer than ndots ${ndots}: each search domain is tried first, then the name as is`,
    };
  }
  if (client === 'glibc') {
    return {
      names: [name, ...expanded],
      reason: `"${typed}" has ${dots} dots, at least ndots ${ndots}: glibc tries the name as is first, then the search domains`,
    };
  }
  return { names: [name], reason: `"${typed}" has ${dots} dots, at least ndots ${ndots}: ${client === 'musl' ? 'musl' : 'nslookup/dig'} tries only the name as is` };
}

/** Whether the client goes on to the next search candidate after this outcome. */
export function movesOn(client: ClientKind, status: DnsStatus, answered: boolean): boolean {
  if (status === 'NXDOMAIN') return true;
  if (client !== 'glibc') return false;
  // glibc res_search: NO_DATA and SERVFAIL ("try next search element") keep going; timeouts stop.
  return (status === 'NOERROR' && !answered) || status === 'SERVFAIL';
}

export interface RetryPolicy {
  client: ClientKind;
  timeoutMs: number;
  attempts: number;
}

export function retryPolicy(client: ClientKind, conf: ResolvConf, override: { timeoutSeconds?: number; attempts?: number }): RetryPolicy {
  const explicitAttempts = /(^|\s)attempts:\d/m.test(conf.text.split('\n').filter((l) => l.startsWith('options')).join('\n'));
  const attempts = override.attempts ?? (client === 'bind' && !explicitAttempts ? 3 : conf.options.attempts);
  return { client, timeoutMs: (override.timeoutSeconds ?? conf.options.timeout) * 1000, attempts: Math.max(1, attempts) };
}
