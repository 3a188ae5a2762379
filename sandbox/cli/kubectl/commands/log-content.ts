// What a container has written to stdout/stderr since it started, deterministically per image:
// the startup lines the real images print (nginx's docker-entrypoint and worker processes,
// CoreDNS's banner), and nothing for images that stay quiet. Times come from the container's
// start on the virtual clock.
import type { Container, Node, Pod } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { imageRepository } from '../../../network/trace/index.ts';

export interface LogLine {
  ms: number;
  text: string;
}

function nginxTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** nginx:1.27 → 1.27.5: the last patch release of each line the course uses. [assumed patch numbers] */
function nginxVersion(image: string): string {
  const tag = /:([^/@]+)$/.exec(image.split('@')[0]!)?.[1] ?? 'latest';
  const known: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1', latest: '1.29.1', stable: '1.28.0', mainline: '1.29.1' };
  const m = /^(\d+\.\d+)(\.\d+)?/.exec(tag);
  if (m?.[2]) return `${m[1]}${m[2]}`;
  return known[m?.[1] ?? tag] ?? known['latest']!;
}

function nginxLines(start: number, image: string, node: Node | undefined): LogLine[] {
  const cpus = Number(node?.status?.capacity?.['cpu'] ?? '2') || 2;
  const kernel = node?.status?.nodeInfo?.['kernelVersion'] ?? '5.15.0-1116-azure';
  const t = nginxTime(start);
  const lines = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${nginxVersion(image)}`,
    `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
    `${t} [notice] 1#1: OS: Linux ${kernel}`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
  ];
  for (let i = 0; i < cpus; i++) lines.push(`${t} [notice] 1#1: start worker process ${29 + i}`);
  return lines.map((text) => ({ ms: start, text }));
}

function corednsLines(start: number, world: World, pod: Pod): LogLine[] {
  const sha = world.hex(`coredns-config:${pod.metadata.namespace}`, 128);
  return ['.:53', `[INFO] plugin/reload: Running configuration SHA512 = ${sha}`, 'CoreDNS-1.11.3', 'linux/amd64, go1.22.7, a6338e9'].map((text) => ({ ms: start, text }));
}

/** Output of a container whose command is `echo ...` or `sh -c 'echo ...; ...'`. */
function commandLines(start: number, container: Container): LogLine[] {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const script = argv[0] === 'sh' || argv[0] === '/bin/sh' || argv[0] === 'bash' ? (argv[argv.indexOf('-c') + 1] ?? '') : argv.join(' ');
  const out: LogLine[] = [];
  for (const part of script.split(/;|&&|\n/)) {
    const m = /^\s*echo\s+(.*)$/.exec(part);
    if (m) out.push({ ms: start, text: m[1]!.replace(/^(['"])(.*)\1$/, '$2') });
  }
  return out;
}

/** The log lines of one container instance that started at `startedAt`. */
export function containerLog(world: World, pod: Pod, container: Container, startedAt: string | undefined, node: Node | undefined): LogLine[] {
  const start = startedAt ? Date.parse(startedAt) : world.now();
  const repo = imageRepository(container.image);
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  if ((container.command ?? []).length > 0 || (container.args ?? []).length > 0) {
    const lines = commandLines(start, container);
    if (lines.length > 0) return lines;
  }
  if (last === 'nginx') return nginxLines(start, container.image, node);
  if (last === 'coredns') return corednsLines(start, world, pod);
  return [];
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prefixes lines. */
export function nanoTimestamp(ms: number, index: number): string {
  const base = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
  const nanos = String(((ms % 1000) * 1_000_000 + 1_000 * (index + 1) + 517) % 1_000_000_000).padStart(9, '0');
  return `${base}.${nanos}Z`;
}
