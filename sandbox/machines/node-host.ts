// An AKS node as a host: what `kubectl debug node/...` or a node shell lands on.
import { nodeResolvConf } from '../network/dns/index.ts';
import type { Node } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { registerBuiltins } from '../shell/builtins/index.ts';
import { MemFS } from '../shell/memfs.ts';
import { CommandRegistry } from '../shell/registry.ts';
import type { Host } from '../shell/types.ts';
import { nodeHostId } from './host-ids.ts';

export function buildNodeHost(world: World, clusterId: string, nodeName: string): Host {
  const node = world.k8sGet<Node>(clusterId, 'Node', undefined, nodeName);
  const ip = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  const fs = new MemFS();
  fs.mkdir('/root', { recursive: true });
  fs.mkdir('/tmp', { recursive: true });
  fs.mkdir('/etc', { recursive: true });
  fs.mkdir('/run/systemd/resolve', { recursive: true });
  fs.writeFile('/etc/hostname', `${nodeName}\n`);
  fs.writeFile('/etc/hosts', `127.0.0.1 localhost\n${ip} ${nodeName}\n`);
  const resolv = nodeResolvConf(world, clusterId, nodeName);
  if (resolv) {
    fs.writeFile('/etc/resolv.conf', resolv.text);
    fs.writeFile('/run/systemd/resolve/resolv.conf', resolv.text);
  }
  const commands = new CommandRegistry();
  registerBuiltins(commands);
  return {
    id: nodeHostId(clusterId, nodeName),
    kind: 'node',
    user: 'root',
    hostname: nodeName,
    home: '/root',
    // A node shell (kubectl debug node/..., then chroot) starts at the filesystem root.
    workdir: '/',
    fs,
    commands,
    env: { HOME: '/root', USER: 'root', SHELL: '/bin/bash', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm-256color', HOSTNAME: nodeName },
  };
}
