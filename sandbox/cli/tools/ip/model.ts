// The network interfaces and routes a host has, derived from the world: an AKS node's eth0 (its
// NIC's address in the subnet, with the MAC Azure gave it), the accelerated-networking VF, the
// kubenet cbr0 bridge and one veth per pod, Azure CNI's azv* interfaces with a /32 route per
// pod, Cilium's cilium_host/lxc*; a pod's eth0 and its default route; the workstation's LAN.
import { fnv1a } from '../../../core/hash.ts';
import { intToIp, parseCidr } from '../../../core/ip.ts';
import type { NetworkInterface } from '../../../model/azure/types.ts';
import type { Pod } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { ownerOf, subnetInfo } from '../../../network/addressing.ts';
import type { Endpoint } from '../../../network/flow.ts';
import { bridgeAddress, lanAddress, nodeAddress, nodePodCidr, pluginOf } from '../net/addresses.ts';

export interface Address {
  ip: string;
  prefix: number;
  brd?: string;
  scope: 'host' | 'global' | 'link';
  metric?: number;
  dynamic?: boolean;
}

export interface Iface {
  index: number;
  name: string;
  /** `eth0@if12`: the peer's interface index (veth pairs). */
  peer?: number;
  flags: string[];
  mtu: number;
  qdisc: string;
  master?: string;
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  qlen?: number;
  kind: 'loopback' | 'ether';
  mac: string;
  linkNetns?: string;
  altname?: string;
  inet: Address[];
  inet6: Address[];
}

export interface Route {
  dst: string;
  via?: string;
  dev: string;
  proto?: 'kernel' | 'dhcp' | 'static';
  scope?: 'link' | 'host';
  src?: string;
  metric?: number;
}

export interface NetConfig {
  ifaces: Iface[];
  routes: Route[];
}

function mac(seed: string, prefix = ''): string {
  const h = `${fnv1a(`${seed}/a`).toString(16).padStart(8, '0')}${fnv1a(`${seed}/b`).toString(16).padStart(8, '0')}`;
  const bytes = [prefix ? parseInt(prefix, 16) : (parseInt(h.slice(0, 2), 16) & 0xfe) | 0x02, ...[2, 4, 6, 8, 10].map((i) => parseInt(h.slice(i, i + 2), 16))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function linkLocal6(macText: string): string {
  const b = macText.split(':').map((x) => parseInt(x, 16));
  b[0] = b[0]! ^ 0x02;
  const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

function broadcast(ip: string, prefix: number): string {
  const c = parseCidr(`${ip}/${prefix}`);
  const size = prefix === 32 ? 1 : 2 ** (32 - prefix);
  return intToIp((c.base + size - 1) >>> 0);
}

function network(ip: string, prefix: number): string {
  return `${intToIp(parseCidr(`${ip}/${prefix}`).base)}/${prefix}`;
}

function loopback(): Iface {
  return {
    index: 1,
    name: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    mtu: 65536,
    qdisc: 'noqueue',
    state: 'UNKNOWN',
    qlen: 1000,
    kind: 'loopback',
    mac: '00:00:00:00:00:00',
    inet: [{ ip: '127.0.0.1', prefix: 8, scope: 'host' }],
    inet6: [{ ip: '::1', prefix: 128, scope: 'host' }],
  };
}

function azureMac(nic: NetworkInterface | undefined, seed: string): string {
  if (nic?.macAddress) return nic.macAddress.replace(/-/g, ':').toLowerCase();
  return mac(seed, '00').replace(/^00:[0-9a-f]{2}:[0-9a-f]{2}/, '00:0d:3a');
}

/** The node's NIC, its primary address and subnet prefix. */
function nodeNic(world: World, ip: string): { nic?: NetworkInterface; prefix: number; gateway: string } {
  const owner = ownerOf(world, ip);
  if (owner?.kind === 'nic') {
    const info = subnetInfo(world, owner.subnetId);
    if (info) {
      const prefix = info.cidr.prefix;
      return { nic: owner.nic, prefix, gateway: intToIp((info.cidr.base + 1) >>> 0) };
    }
    return { nic: owner.nic, prefix: 16, gateway: intToIp((parseCidr(`${ip}/16`).base + 1) >>> 0) };
  }
  return { prefix: 16, gateway: intToIp((parseCidr(`${ip}/16`).base + 1) >>> 0) };
}

function podsOn(world: World, clusterId: string, nodeName: string): Pod[] {
  return world
    .k8sList<Pod>(clusterId, 'Pod')
    .filter((p) => p.spec.nodeName === nodeName && !p.spec.hostNetwork && p.status?.podIP && p.status.phase === 'Running')
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

/** The host-side name of a pod's interface per plugin (kubenet veth, Azure CNI azv, Cilium lxc). */
export function hostVethName(plugin: ReturnType<typeof pluginOf>, pod: Pod): string {
  const h = fnv1a(`${pod.metadata.namespace}/${pod.metadata.name}/${pod.metadata.uid}`).toString(16).padStart(8, '0');
  if (plugin === 'kubenet') return `veth${h}`;
  if (plugin === 'cilium') return `lxc${h}${h.slice(0, 4)}`.slice(0, 15);
  return `azv${h}${h.slice(0, 3)}`.slice(0, 14);
}

export function nodeNetConfig(world: World, clusterId: string, nodeName: string): NetConfig {
  const ip = nodeAddress(world, clusterId, nodeName) ?? '10.224.0.4';
  const { nic, prefix, gateway } = nodeNic(world, ip);
  const plugin = pluginOf(world, clusterId);
  const ethMac = azureMac(nic, `${clusterId}/${nodeName}/eth0`);
  const ifaces: Iface[] = [loopback()];
  ifaces.push({
    index: 2,
    name: 'eth0',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'mq',
    state: 'UP',
    qlen: 1000,
    kind: 'ether',
    mac: ethMac,
    inet: [{ ip, prefix, brd: broadcast(ip, prefix), scope: 'global', metric: 100 }],
    inet6: [{ ip: linkLocal6(ethMac), prefix: 64, scope: 'link' }],
  });
  const vfId = fnv1a(`${nodeName}/vf`) % 60000;
  ifaces.push({
    index: 3,
    name: `enP${vfId}s1`,
    flags: ['BROADCAST', 'MULTICAST', 'SLAVE', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'mq',
    master: 'eth0',
    state: 'UP',
    qlen: 1000,
    kind: 'ether',
    mac: ethMac,
    altname: `enP${vfId}p0s2`,
    inet: [],
    inet6: [],
  });
  const routes: Route[] = [
    { dst: 'default', via: gateway, dev: 'eth0', proto: 'dhcp', src: ip, metric: 100 },
    { dst: network(ip, prefix), dev: 'eth0', proto: 'kernel', scope: 'link', src: ip, metric: 100 },
    { dst: '168.63.129.16', via: gateway, dev: 'eth0', proto: 'dhcp', src: ip, metric: 100 },
    { dst: '169.254.169.254', via: gateway, dev: 'eth0', proto: 'dhcp', src: ip, metric: 100 },
  ];
  let next = 4;
  const pods = podsOn(world, clusterId, nodeName);
  if (plugin === 'kubenet') {
    const bridge = bridgeAddress(world, clusterId, nodeName);
    const cidr = nodePodCidr(world, clusterId, nodeName);
    if (bridge && cidr) {
      const p = Number(cidr.split('/')[1]);
      const bmac = mac(`${nodeName}/cbr0`);
      ifaces.push({ index: next++, name: 'cbr0', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UP', qlen: 1000, kind: 'ether', mac: bmac, inet: [{ ip: bridge, prefix: p, brd: broadcast(bridge, p), scope: 'global' }], inet6: [{ ip: linkLocal6(bmac), prefix: 64, scope: 'link' }] });
      routes.push({ dst: cidr, dev: 'cbr0', proto: 'kernel', scope: 'link', src: bridge });
    }
  } else if (plugin === 'cilium') {
    const hmac = mac(`${nodeName}/cilium_host`);
    const nmac = mac(`${nodeName}/cilium_net`);
    ifaces.push({ index: next++, name: 'cilium_net', peer: next, flags: ['BROADCAST', 'MULTICAST', 'NOARP', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UP', qlen: 1000, kind: 'ether', mac: nmac, inet: [], inet6: [{ ip: linkLocal6(nmac), prefix: 64, scope: 'link' }] });
    ifaces.push({ index: next++, name: 'cilium_host', peer: next - 2, flags: ['BROADCAST', 'MULTICAST', 'NOARP', 'UP', 'LOWER_UP'], mtu: 1500, qdisc: 'noqueue', state: 'UP', qlen: 1000, kind: 'ether', mac: hmac, inet: [], inet6: [{ ip: linkLocal6(hmac), prefix: 64, scope: 'link' }] });
  }
  pods.forEach((pod) => {
    const name = hostVethName(plugin, pod);
    const vmac = mac(`${pod.metadata.uid}/host-veth`);
    ifaces.push({
      index: next++,
      name,
      peer: 3,
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      mtu: 1500,
      qdisc: 'noqueue',
      master: plugin === 'kubenet' ? 'cbr0' : undefined,
      state: 'UP',
      kind: 'ether',
      mac: vmac,
      linkNetns: `cni-${uuidish(pod.metadata.uid)}`,
      inet: [],
      inet6: [{ ip: linkLocal6(vmac), prefix: 64, scope: 'link' }],
    });
    if (plugin !== 'kubenet') routes.push({ dst: pod.status.podIP!, dev: name, proto: plugin === 'cilium' ? undefined : 'static', scope: 'link' });
  });
  return { ifaces, routes };
}

function uuidish(seed: string): string {
  const h = (n: number) => fnv1a(`${seed}/${n}`).toString(16).padStart(8, '0');
  return `${h(1)}-${h(2).slice(0, 4)}-${h(3).slice(0, 4)}-${h(4).slice(0, 4)}-${h(5)}${h(6).slice(0, 4)}`;
}

export function podNetConfig(world: World, clusterId: string, pod: Pod): NetConfig {
  const node = pod.spec.nodeName;
  if (pod.spec.hostNetwork && node) return nodeNetConfig(world, clusterId, node);
  const ifaces: Iface[] = [loopback()];
  const ip = pod.status?.podIP;
  if (!ip || !node) return { ifaces, routes: [] };
  const plugin = pluginOf(world, clusterId);
  const pmac = mac(`${pod.metadata.uid}/eth0`);
  const hostSide = nodeNetConfig(world, clusterId, node).ifaces.find((i) => i.name === hostVethName(plugin, pod));
  const peerIndex = hostSide?.index ?? 4;
  let prefix = 32;
  const routes: Route[] = [];
  if (plugin === 'kubenet') {
    const cidr = nodePodCidr(world, clusterId, node) ?? `${ip}/24`;
    prefix = Number(cidr.split('/')[1]);
    const gw = bridgeAddress(world, clusterId, node)!;
    routes.push({ dst: 'default', via: gw, dev: 'eth0' }, { dst: network(ip, prefix), dev: 'eth0', proto: 'kernel', scope: 'link', src: ip });
  } else if (plugin === 'azure') {
    const nic = nodeNic(world, ip);
    prefix = nic.prefix;
    routes.push({ dst: 'default', via: '169.254.1.1', dev: 'eth0', proto: 'static' }, { dst: '169.254.1.1', dev: 'eth0', proto: 'static', scope: 'link' });
  } else {
    routes.push({ dst: 'default', via: '169.254.1.1', dev: 'eth0', proto: 'static' }, { dst: '169.254.1.1', dev: 'eth0', proto: 'static', scope: 'link' });
  }
  ifaces.push({
    index: 3,
    name: 'eth0',
    peer: peerIndex,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'noqueue',
    state: 'UP',
    kind: 'ether',
    mac: pmac,
    linkNetns: '0',
    inet: [{ ip, prefix, brd: prefix < 31 ? broadcast(ip, prefix) : undefined, scope: 'global' }],
    inet6: [{ ip: linkLocal6(pmac), prefix: 64, scope: 'link' }],
  });
  return { ifaces, routes };
}

export function workstationNetConfig(world: World): NetConfig {
  const ip = lanAddress(world);
  const wmac = mac(`${world.state.seed}/wlan`);
  return {
    ifaces: [
      loopback(),
      {
        index: 2,
        name: 'eth0',
        flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
        mtu: 1500,
        qdisc: 'fq_codel',
        state: 'UP',
        qlen: 1000,
        kind: 'ether',
        mac: wmac,
        inet: [{ ip, prefix: 24, brd: '192.168.1.255', scope: 'global', dynamic: true }],
        inet6: [{ ip: linkLocal6(wmac), prefix: 64, scope: 'link' }],
      },
    ],
    routes: [
      { dst: 'default', via: '192.168.1.1', dev: 'eth0', proto: 'dhcp', src: ip, metric: 100 },
      { dst: '192.168.1.0/24', dev: 'eth0', proto: 'kernel', scope: 'link', src: ip, metric: 100 },
    ],
  };
}

/** The kernel lists the main table in address order, the default route first. */
function sorted(cfg: NetConfig): NetConfig {
  const key = (r: Route): number => (r.dst === 'default' ? -1 : parseCidr(r.dst.includes('/') ? r.dst : `${r.dst}/32`).base >>> 0);
  return { ifaces: cfg.ifaces, routes: [...cfg.routes].sort((a, b) => key(a) - key(b)) };
}

export function netConfigOf(world: World, from: Endpoint): NetConfig {
  return sorted(rawNetConfig(world, from));
}

function rawNetConfig(world: World, from: Endpoint): NetConfig {
  switch (from.kind) {
    case 'node':
      return nodeNetConfig(world, from.clusterId, from.name);
    case 'pod': {
      const pod = world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
      return pod ? podNetConfig(world, from.clusterId, pod) : { ifaces: [loopback()], routes: [] };
    }
    default:
      return workstationNetConfig(world);
  }
}
