// The API server's own objects and the AKS system add-ons in kube-system.
import { describe, expect, it } from 'vitest';
import type { ConfigMap, DaemonSet, Deployment, Endpoints, EndpointSlice, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { AKS_COREFILE } from '../../../sandbox/controllers/k8s/addons/dns.ts';
import { addCluster, emptyWorld, pods, run } from './fixtures.ts';

function booted(o: Parameters<typeof addCluster>[1] = {}) {
  const world = emptyWorld();
  const c = addCluster(world, o);
  const result = run(world);
  return { world, c, result };
}

const names = (list: { metadata: { name: string } }[]) => list.map((o) => o.metadata.name).sort();

describe('cluster bootstrap', () => {
  it('creates the four system namespaces, Active, and recreates one that is deleted', () => {
    const { world, c } = booted();
    expect(names(world.k8sList(c.id, 'Namespace'))).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(world.k8sGet(c.id, 'Namespace', undefined, 'kube-public')!.status).toEqual({ phase: 'Active' });
    world.k8sDelete(c.id, 'Namespace', undefined, 'kube-public');
    run(world);
    expect(world.k8sGet(c.id, 'Namespace', undefined, 'kube-public')!.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'kube-public' });
  });

  it('publishes default/kubernetes at the first service address, pointing at the API server', () => {
    const { world, c } = booted();
    const svc = world.k8sGet<Service>(c.id, 'Service', 'default', 'kubernetes')!;
    expect(svc.spec.clusterIP).toBe('10.0.0.1');
    expect(svc.spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }]);
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    const ep = world.k8sGet<Endpoints>(c.id, 'Endpoints', 'default', 'kubernetes')!;
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '20.10.3.4' }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }]);
    const slice = world.k8sGet<EndpointSlice>(c.id, 'EndpointSlice', 'default', 'kubernetes')!;
    expect(slice.endpoints.map((e) => e.addresses)).toEqual([['20.10.3.4']]);
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
  });

  it('prefers the private API server address and follows the service CIDR', () => {
    const { world, c } = booted({
      serviceCidr: '172.16.0.0/16',
      dnsServiceIp: '172.16.0.10',
      controlPlane: { publicIp: '20.1.1.1', privateIp: '10.224.0.250', tunnel: 'konnectivity' },
    });
    expect(world.k8sGet<Service>(c.id, 'Service', 'default', 'kubernetes')!.spec.clusterIP).toBe('172.16.0.1');
    expect(world.k8sGet<Service>(c.id, 'Service', 'kube-system', 'kube-dns')!.spec.clusterIP).toBe('172.16.0.10');
    expect(world.k8sGet<Endpoints>(c.id, 'Endpoints', 'default', 'kubernetes')!.subsets![0]!.addresses).toEqual([{ ip: '10.224.0.250' }]);
  });

  it('settles, and a second settle changes nothing', () => {
    const { world, result } = booted();
    expect(result.settled).toBe(true);
    expect(run(world)).toEqual({ rounds: 1, settled: true });
  });
});

describe('AKS system add-ons', () => {
  it('installs the kube-system workloads AKS runs on a kubenet cluster', () => {
    const { world, c } = booted();
    expect(names(world.k8sList(c.id, 'Deployment', 'kube-system'))).toEqual(['coredns', 'coredns-autoscaler', 'konnectivity-agent', 'metrics-server']);
    expect(names(world.k8sList(c.id, 'DaemonSet', 'kube-system'))).toEqual([
      'azure-ip-masq-agent',
      'cloud-node-manager',
      'csi-azuredisk-node',
      'csi-azurefile-node',
      'kube-proxy',
    ]);
    expect(names(world.k8sList(c.id, 'Service', 'kube-system'))).toEqual(['kube-dns', 'metrics-server']);
    expect(names(world.k8sList(c.id, 'ConfigMap', 'kube-system'))).toEqual([
      'azure-ip-masq-agent-config-reconciled',
      'coredns',
      'coredns-autoscaler',
      'coredns-custom',
    ]);
    const counts = new Map<string, number>();
    for (const p of pods(world, c.id, 'kube-system')) {
      const owner = p.metadata.name.replace(/-[a-z0-9]{5}$/, '').replace(/-[4-9bcdf]{1,10}$/, '');
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({
      'azure-ip-masq-agent': 3,
      'cloud-node-manager': 3,
      coredns: 2,
      'coredns-autoscaler': 1,
      'csi-azuredisk-node': 3,
      'csi-azurefile-node': 3,
      'konnectivity-agent': 2,
      'kube-proxy': 3,
      'metrics-server': 2,
    });
    expect(pods(world, c.id, 'kube-system').every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('coredns: labels, image, ports, 2 replicas behind kube-dns at the DNS service IP', () => {
    const { world, c } = booted();
    const d = world.k8sGet<Deployment>(c.id, 'Deployment', 'kube-system', 'coredns')!;
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { 'k8s-app': 'kube-dns', version: 'v20' } });
    expect(d.metadata.labels).toEqual({
      'addonmanager.kubernetes.io/mode': 'Reconcile',
      'k8s-app': 'kube-dns',
      'kubernetes.io/cluster-service': 'true',
      'kubernetes.io/name': 'CoreDNS',
      version: 'v20',
    });
    const container = d.spec.template.spec.containers[0]!;
    expect(container.image).toBe('mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-6');
    expect(container.ports).toEqual([
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ]);
    expect(d.status.readyReplicas).toBe(2);
    const svc = world.k8sGet<Service>(c.id, 'Service', 'kube-system', 'kube-dns')!;
    expect(svc.spec.clusterIP).toBe('10.0.0.10');
    expect(svc.spec.selector).toEqual({ 'k8s-app': 'kube-dns' });
    expect(svc.spec.ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ]);
    const ep = world.k8sGet<Endpoints>(c.id, 'Endpoints', 'kube-system', 'kube-dns')!;
    const corednsIps = pods(world, c.id, 'kube-system')
      .filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')
      .map((p) => p.status.podIP)
      .sort();
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(corednsIps);
    expect(ep.subsets![0]!.ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ]);
  });

  it('the Corefile is reconciled back; coredns-custom is empty and recreated, but user data is kept', () => {
    const { world, c } = booted();
    const corefile = () => world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'coredns')!.data!.Corefile;
    expect(corefile()).toBe(AKS_COREFILE);
    expect(AKS_COREFILE).toContain('forward . /etc/resolv.conf');
    expect(AKS_COREFILE).toContain('import custom/*.server');
    const cm = world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'coredns')!;
    world.k8sPut(c.id, { ...cm, data: { Corefile: '.:53 { forward . 8.8.8.8 }' } });
    run(world);
    expect(corefile()).toBe(AKS_COREFILE);

    const custom = world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'coredns-custom')!;
    expect(custom.data).toBeUndefined();
    expect(custom.metadata.labels?.['addonmanager.kubernetes.io/mode']).toBe('EnsureExists');
    world.k8sPut(c.id, { ...custom, data: { 'test.server': 'example.com:53 { forward . 10.1.0.4 }' } });
    run(world);
    expect(world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'coredns-custom')!.data).toEqual({
      'test.server': 'example.com:53 { forward . 10.1.0.4 }',
    });
    world.k8sDelete(c.id, 'ConfigMap', 'kube-system', 'coredns-custom');
    run(world);
    expect(world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'coredns-custom')!.data).toBeUndefined();
  });

  it('a pod template annotation (rollout restart) survives reconciliation and rolls coredns', () => {
    const { world, c } = booted();
    const before = pods(world, c.id, 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-') && !p.metadata.name.startsWith('coredns-autoscaler'));
    const d = JSON.parse(JSON.stringify(world.k8sGet<Deployment>(c.id, 'Deployment', 'kube-system', 'coredns')));
    d.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T09:00:00Z' };
    d.metadata.generation = 2;
    world.k8sPut(c.id, d);
    run(world);
    const after = pods(world, c.id, 'kube-system').filter((p) => p.metadata.name.startsWith('coredns-') && !p.metadata.name.startsWith('coredns-autoscaler'));
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.metadata.name).some((n) => before.some((b) => b.metadata.name === n))).toBe(false);
    expect(world.k8sGet<Deployment>(c.id, 'Deployment', 'kube-system', 'coredns')!.spec.template.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2026-11-26T09:00:00Z',
    });
  });

  it('node agents are host-network pods that take the node IP, one per node', () => {
    const { world, c } = booted();
    const proxies = pods(world, c.id, 'kube-system').filter((p) => p.metadata.labels?.component === 'kube-proxy');
    expect(proxies.map((p) => [p.spec.nodeName, p.status.podIP]).sort()).toEqual(c.nodeNames.map((n, i) => [n, c.nodeIps[i]]));
    expect(proxies[0]!.spec.hostNetwork).toBe(true);
    expect(proxies[0]!.metadata.labels).toMatchObject({ component: 'kube-proxy', tier: 'node', 'pod-template-generation': '1' });
    expect(proxies[0]!.metadata.labels!['controller-revision-hash']).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(proxies[0]!.spec.containers[0]!.image).toBe('mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.32.3');
    const disk = pods(world, c.id, 'kube-system').find((p) => p.metadata.labels?.app === 'csi-azuredisk-node')!;
    expect(disk.spec.containers.map((x) => x.name)).toEqual(['liveness-probe', 'node-driver-registrar', 'azuredisk']);
    expect(disk.status.containerStatuses!.map((s) => s.name)).toEqual(['azuredisk', 'liveness-probe', 'node-driver-registrar']);
    const ds = world.k8sGet<DaemonSet>(c.id, 'DaemonSet', 'kube-system', 'kube-proxy')!;
    expect(ds.status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
    });
  });

  it('konnectivity-agent and metrics-server pods take pod IPs (2 replicas each)', () => {
    const { world, c } = booted();
    for (const app of ['konnectivity-agent', 'metrics-server']) {
      const list = pods(world, c.id, 'kube-system').filter((p) => p.metadata.name.startsWith(`${app}-`));
      expect(list).toHaveLength(2);
      for (const p of list) expect(p.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    }
    const ms = world.k8sGet<Endpoints>(c.id, 'Endpoints', 'kube-system', 'metrics-server')!;
    expect(ms.subsets![0]!.ports).toEqual([{ port: 4443, protocol: 'TCP' }]);
  });

  it('Cilium dataplane: no kube-proxy, a cilium agent instead', () => {
    const { world, c } = booted({ plugin: 'overlay', dataplane: 'cilium', networkPolicy: 'cilium' });
    const ds = names(world.k8sList(c.id, 'DaemonSet', 'kube-system'));
    expect(ds).not.toContain('kube-proxy');
    expect(ds).toContain('cilium');
    expect(ds).toContain('azure-cns');
    expect(pods(world, c.id, 'kube-system').some((p) => p.metadata.labels?.component === 'kube-proxy')).toBe(false);
  });

  it('azure-cns only with Azure CNI; azure-npm with Azure network policy', () => {
    const azure = booted({ plugin: 'azure', networkPolicy: 'azure' });
    const ds = names(azure.world.k8sList(azure.c.id, 'DaemonSet', 'kube-system'));
    expect(ds).toContain('azure-cns');
    expect(ds).toContain('azure-npm');
    const kubenet = booted({ plugin: 'kubenet' });
    expect(names(kubenet.world.k8sList(kubenet.c.id, 'DaemonSet', 'kube-system'))).not.toContain('azure-cns');
  });

  it('no konnectivity-agent when the API server reaches nodes directly (VNet integration)', () => {
    const { world, c } = booted({ controlPlane: { publicIp: null, privateIp: '10.225.0.4', tunnel: 'direct' } });
    expect(world.k8sGet(c.id, 'Deployment', 'kube-system', 'konnectivity-agent')).toBeUndefined();
    expect(pods(world, c.id, 'kube-system').some((p) => p.metadata.name.startsWith('konnectivity-agent'))).toBe(false);
    // Switching to a tunnel brings it back; switching away removes it and its pods.
    world.state.controlPlanes[c.id.toLowerCase()]!.tunnel = 'konnectivity';
    world.touch();
    run(world);
    expect(pods(world, c.id, 'kube-system').filter((p) => p.metadata.name.startsWith('konnectivity-agent'))).toHaveLength(2);
    world.state.controlPlanes[c.id.toLowerCase()]!.tunnel = 'direct';
    world.touch();
    run(world);
    expect(world.k8sList<Pod>(c.id, 'Pod', 'kube-system').some((p) => p.metadata.name.startsWith('konnectivity-agent'))).toBe(false);
  });

  it('ip-masq-agent keeps the cluster ranges un-NATed, per network plugin', () => {
    const data = (o: Parameters<typeof addCluster>[1]) => {
      const { world, c } = booted(o);
      return world.k8sGet<ConfigMap>(c.id, 'ConfigMap', 'kube-system', 'azure-ip-masq-agent-config-reconciled')!.data;
    };
    expect(data({ plugin: 'kubenet' })).toEqual({ 'ip-masq-agent-reconciled': 'nonMasqueradeCIDRs:\n  - 10.244.0.0/16\nmasqLinkLocal: true\n' });
    expect(data({ plugin: 'overlay', podCidr: '192.168.0.0/16' })).toEqual({
      'ip-masq-agent-reconciled': 'nonMasqueradeCIDRs:\n  - 192.168.0.0/16\nmasqLinkLocal: true\n',
    });
    expect(data({ plugin: 'azure' })).toEqual({
      'ip-masq-agent-reconciled': 'nonMasqueradeCIDRs:\n  - 10.224.0.0/16\n  - 10.0.0.0/16\n  - 10.224.0.0/12\nmasqLinkLocal: true\n',
    });
  });

  it('coredns scales with the node count (16 nodes per replica, at least 2)', () => {
    const { world, c } = booted({ nodes: 40 });
    expect(world.k8sGet<Deployment>(c.id, 'Deployment', 'kube-system', 'coredns')!.spec.replicas).toBe(3);
  });
});
