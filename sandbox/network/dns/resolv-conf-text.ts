// The exact texts of the resolver files the sandbox shows with `cat`: kubelet-written pod files,
// systemd-resolved's uplink and stub files (Ubuntu 22.04, systemd 249), and a parser for any of
// them (so an edited file is read back the way glibc would).

export interface ResolvOptions {
  ndots: number;
  /** Seconds per try. */
  timeout: number;
  attempts: number;
  edns0: boolean;
  trustAd: boolean;
  useVc: boolean;
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: ResolvOptions;
  /** The file's text, as `cat /etc/resolv.conf` prints it. */
  text: string;
  path: string;
  /** Who wrote it and why, for the learner (`kubelet, dnsPolicy ClusterFirst`). */
  origin: string;
}

/** glibc's defaults (resolv.h): ndots 1, 5 s per try, 2 attempts. */
export const DEFAULT_OPTIONS: ResolvOptions = { ndots: 1, timeout: 5, attempts: 2, edns0: false, trustAd: false, useVc: false };

/** glibc reads at most three name servers (MAXNS). */
export const MAX_NAMESERVERS = 3;

/** The file kubelet (through containerd) writes into a pod: search, nameserver(s), options. */
export function renderKubeletFile(conf: { search: string[]; nameservers: string[]; options: string[] }): string {
  const lines: string[] = [];
  if (conf.search.length > 0) lines.push(`search ${conf.search.join(' ')}`);
  for (const ns of conf.nameservers) lines.push(`nameserver ${ns}`);
  if (conf.options.length > 0) lines.push(`options ${conf.options.join(' ')}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

const UPLINK_HEADER = [
  '# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).',
  '# Do not edit.',
  '#',
  "# This file might be symlinked as /etc/resolv.conf. If you're looking at",
  '# /etc/resolv.conf and seeing this text, you have followed the symlink.',
  '#',
  '# This is a dynamic resolv.conf file for connecting local clients directly to',
  '# all known uplink DNS servers. This file lists all configured search domains.',
  '#',
  '# Third party programs should typically not access this file directly, but only',
  '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a',
  '# different way, replace this symlink by a static file or a different symlink.',
  '#',
  '# See man:systemd-resolved.service(8) for details about the supported modes of',
  '# operation for /etc/resolv.conf.',
  '',
];

const STUB_HEADER = [
  '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).',
  '# Do not edit.',
  '#',
  "# This file might be symlinked as /etc/resolv.conf. If you're looking at",
  '# /etc/resolv.conf and seeing this text, you have followed the symlink.',
  '#',
  '# This is a dynamic resolv.conf file for connecting local clients to the',
  '# internal DNS stub resolver of systemd-resolved. This file lists all',
  '# configured search domains.',
  '#',
  '# Run "resolvectl status" to see details about the uplink DNS servers',
  '# currently in use.',
  '#',
  '# Third party programs should typically not access this file directly, but only',
  '# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a',
  '# different way, replace this symlink by a static file or a different symlink.',
  '#',
  '# See man:systemd-resolved.service(8) for details about the supported modes of',
  '# operation for /etc/resolv.conf.',
  '',
];

/** systemd-resolved's uplink file: the DHCP-provided servers themselves (what AKS nodes use). */
export function renderUplinkFile(nameservers: string[], search: string[]): string {
  const lines = [...UPLINK_HEADER];
  nameservers.forEach((ns, i) => {
    // systemd notes the servers glibc will ignore (resolved-resolv-conf.c).
    if (i === MAX_NAMESERVERS) lines.push('# Too many DNS servers configured, the following entries may be ignored.');
    lines.push(`nameserver ${ns}`);
  });
  if (search.length > 0) lines.push(`search ${search.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** systemd-resolved's stub file: everything goes to 127.0.0.53, which forwards to the uplinks. */
export function renderStubFile(search: string[]): string {
  const lines = [...STUB_HEADER, 'nameserver 127.0.0.53', 'options edns0 trust-ad'];
  if (search.length > 0) lines.push(`search ${search.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** Reads a resolv.conf the way glibc does: last search/domain line wins, at most three servers. */
export function parseResolvConf(text: string, path = '/etc/resolv.conf', origin = path): ResolvConf {
  const nameservers: string[] = [];
  let search: string[] = [];
  const options = { ...DEFAULT_OPTIONS };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (line === '') continue;
    const [keyword, ...args] = line.split(/\s+/);
    if (keyword === 'nameserver' && args[0] && nameservers.length < MAX_NAMESERVERS) nameservers.push(args[0]);
    else if (keyword === 'search' || keyword === 'domain') search = args.map((a) => a.toLowerCase());
    else if (keyword === 'options') for (const opt of args) applyOption(options, opt);
  }
  // glibc limits (resolv.h): ndots ≤ 15, timeout ≤ 30 s, attempts ≤ 5.
  return { nameservers, search, options, text, path, origin };
}

function applyOption(options: ResolvOptions, opt: string): void {
  const [name, value] = opt.split(':');
  const n = Number(value);
  if (name === 'ndots' && Number.isFinite(n)) options.ndots = Math.min(Math.max(0, Math.floor(n)), 15);
  else if (name === 'timeout' && Number.isFinite(n)) options.timeout = Math.min(Math.max(1, Math.floor(n)), 30);
  else if (name === 'attempts' && Number.isFinite(n)) options.attempts = Math.min(Math.max(1, Math.floor(n)), 5);
  else if (name === 'edns0') options.edns0 = true;
  else if (name === 'trust-ad') options.trustAd = true;
  else if (name === 'use-vc') options.useVc = true;
}
