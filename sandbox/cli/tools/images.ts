// Which network tools a machine has. AKS nodes run Ubuntu 22.04 (root shell); the workstation is
// an Ubuntu 24.04 laptop; a pod has what its image ships: BusyBox applets in busybox and Alpine
// images (busybox wget/nslookup/ping/nc), curl in nginx's Debian image, everything in netshoot,
// next to nothing in ubuntu/debian/distroless images. [package lists per image: from the images'
// Dockerfiles as remembered; assumptions where noted]
import type { ClientKind } from '../../network/dns/index.ts';
import { imageRepository } from '../../network/trace/index.ts';

export type ShellStyle = 'busybox' | 'dash' | 'bash';

export interface Toolset {
  /** How its `sh` reports a missing command. */
  shell: ShellStyle;
  /** The libc resolver programs use (getaddrinfo). */
  resolver: ClientKind;
  curl?: string;
  wget?: 'busybox';
  nslookup?: 'busybox' | 'bind';
  dig?: boolean;
  host?: boolean;
  ping?: 'busybox' | 'iputils';
  traceroute?: 'busybox' | 'modern';
  nc?: 'busybox' | 'openbsd';
  telnet?: 'busybox';
  ip?: 'busybox' | 'iproute2';
  ifconfig?: 'busybox' | 'net-tools';
  hostname?: 'busybox' | 'debian';
  iptables?: boolean;
  jq?: string;
  /** Runs as root (iptables works). */
  root: boolean;
}

const BUSYBOX: Toolset = {
  shell: 'busybox',
  resolver: 'musl',
  wget: 'busybox',
  nslookup: 'busybox',
  ping: 'busybox',
  traceroute: 'busybox',
  nc: 'busybox',
  telnet: 'busybox',
  ip: 'busybox',
  ifconfig: 'busybox',
  hostname: 'busybox',
  root: true,
};

const DEBIAN_MINIMAL: Toolset = { shell: 'dash', resolver: 'glibc', hostname: 'debian', root: true };

export const WORKSTATION_TOOLS: Toolset = {
  shell: 'bash',
  resolver: 'glibc',
  curl: '8.5.0',
  nslookup: 'bind',
  dig: true,
  host: true,
  ping: 'iputils',
  traceroute: 'modern',
  nc: 'openbsd',
  ip: 'iproute2',
  hostname: 'debian',
  iptables: true,
  jq: '1.7.1',
  root: false,
};

export const NODE_TOOLS: Toolset = {
  shell: 'bash',
  resolver: 'glibc',
  curl: '7.81.0',
  nslookup: 'bind',
  dig: true,
  host: true,
  ping: 'iputils',
  traceroute: 'modern',
  nc: 'openbsd',
  ip: 'iproute2',
  hostname: 'debian',
  iptables: true,
  jq: '1.6',
  root: true,
};

const NETSHOOT: Toolset = {
  ...BUSYBOX,
  curl: '8.14.1',
  traceroute: 'modern',
  nslookup: 'bind',
  dig: true,
  host: true,
  ping: 'iputils',
  nc: 'openbsd',
  ip: 'iproute2',
  iptables: true,
  jq: '1.8.0',
};

/** Image repository (registry and `library/` stripped, see imageRepository) → its tools. */
const IMAGES: Record<string, Toolset> = {
  busybox: BUSYBOX,
  alpine: BUSYBOX,
  'curlimages/curl': { ...BUSYBOX, curl: '8.14.1' },
  'nicolaka/netshoot': NETSHOOT,
  netshoot: NETSHOOT,
  // agnhost is Alpine with bind-tools, curl, netcat-openbsd and iproute2 added. [assumption]
  'e2e-test-images/agnhost': { ...BUSYBOX, curl: '8.14.1', nslookup: 'bind', dig: true, host: true, nc: 'openbsd', ip: 'iproute2' },
  agnhost: { ...BUSYBOX, curl: '8.14.1', nslookup: 'bind', dig: true, host: true, nc: 'openbsd', ip: 'iproute2' },
  // The official nginx image (Debian bookworm) installs curl.
  nginx: { ...DEBIAN_MINIMAL, curl: '7.88.1' },
  'bitnami/nginx': { ...DEBIAN_MINIMAL, curl: '7.88.1' },
  // The AKS samples run on Debian-based Python images with curl and wget. [approximated: curl 7.88.1]
  'azuredocs/aks-helloworld': { ...DEBIAN_MINIMAL, curl: '7.88.1' },
  'azuredocs/azure-vote-front': { ...DEBIAN_MINIMAL, curl: '7.88.1' },
  ubuntu: { ...DEBIAN_MINIMAL },
  debian: { ...DEBIAN_MINIMAL },
  httpd: { ...DEBIAN_MINIMAL },
  redis: { ...DEBIAN_MINIMAL },
};

/** Tools of a container image; unknown images get a bare Debian userland (no network tools). */
export function toolsetForImage(image: string): Toolset {
  const repo = imageRepository(image);
  const tag = /:([^/@]+)$/.exec(image.split('@')[0]!)?.[1] ?? '';
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  // nginx:alpine and friends: BusyBox plus curl.
  if ((last === 'nginx' || last === 'redis' || last === 'httpd') && tag.includes('alpine')) return { ...BUSYBOX, curl: last === 'nginx' ? '8.14.1' : undefined };
  if (last === 'coredns') return { shell: 'dash', resolver: 'glibc', root: true };
  return IMAGES[repo] ?? IMAGES[last] ?? DEBIAN_MINIMAL;
}

/** Every tool command name this module can provide, for the "not found" stubs. */
export const TOOL_NAMES = ['curl', 'wget', 'nslookup', 'dig', 'host', 'ping', 'traceroute', 'nc', 'telnet', 'ip', 'ifconfig', 'hostname', 'iptables', 'iptables-save', 'jq'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export function hasTool(t: Toolset, name: ToolName): boolean {
  switch (name) {
    case 'iptables':
    case 'iptables-save':
      return !!t.iptables;
    case 'dig':
      return !!t.dig;
    case 'host':
      return !!t.host;
    default:
      return t[name] !== undefined;
  }
}
