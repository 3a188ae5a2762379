// A pod's first container as a host: what `kubectl exec -it POD -- sh` lands in. Its files are
// the ones kubelet writes (resolv.conf, hosts, hostname) and its environment carries the
// service variables Kubernetes injects.
import { podResolvConf } from '../network/dns/index.ts';
import type { Pod, Service } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { registerBuiltins } from '../shell/builtins/index.ts';
import { MemFS } from '../shell/memfs.ts';
import { CommandRegistry } from '../shell/registry.ts';
import type { Host } from '../shell/types.ts';
import { podHostId } from './host-ids.ts';

function hostsFile(pod: Pod): string {
  const ip = pod.status.podIP;
  return [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    ...(ip ? [`${ip}\t${pod.metadata.name}`] : []),
    '',
  ].join('\n');
}

/** Docker-link-style variables for every service of the pod's namespace (enableServiceLinks). */
function serviceEnv(world: World, clusterId: string, namespace: string): Record<string, string> {
  const env: Record<string, string> = {};
  const kubernetes = world.k8sGet<Service>(clusterId, 'Service', 'default', 'kubernetes');
  if (kubernetes?.spec.clusterIP) {
    env.KUBERNETES_SERVICE_HOST = kubernetes.spec.clusterIP;
    env.KUBERNETES_SERVICE_PORT = '443';
    env.KUBERNETES_SERVICE_PORT_HTTPS = '443';
  }
  for (const svc of world.k8sList<Service>(clusterId, 'Service', namespace)) {
    const ip = svc.spec.clusterIP;
    const port = svc.spec.ports?.[0];
    if (!ip || ip === 'None' || !port || svc.metadata.name === 'kubernetes') continue;
    const name = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    env[`${name}_SERVICE_HOST`] = ip;
    env[`${name}_SERVICE_PORT`] = String(port.port);
  }
  return env;
}

export function buildPodHost(world: World, clusterId: string, pod: Pod): Host {
  const { namespace = 'default', name } = pod.metadata;
  const fs = new MemFS();
  for (const dir of ['/root', '/tmp', '/etc']) fs.mkdir(dir, { recursive: true });
  fs.writeFile('/etc/hostname', `${name}\n`);
  fs.writeFile('/etc/hosts', hostsFile(pod));
  fs.writeFile('/etc/resolv.conf', podResolvConf(world, clusterId, pod).text);
  const commands = new CommandRegistry();
  registerBuiltins(commands);
  return {
    id: podHostId(clusterId, namespace, name),
    kind: 'pod',
    user: 'root',
    hostname: name,
    home: '/root',
    // kubectl exec starts in the image's WORKDIR, `/` for nginx, busybox and most images.
    workdir: '/',
    fs,
    commands,
    env: {
      HOME: '/root',
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      TERM: 'xterm',
      HOSTNAME: name,
      ...serviceEnv(world, clusterId, namespace),
    },
  };
}
