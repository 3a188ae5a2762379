// Worlds for the tool tests, built as the sandbox builds them (createManagedCluster, then every
// controller settles), with a terminal harness on the workstation and shells inside pods and on
// nodes, so command lines run exactly as a learner types them.
import { allControllers } from '../../../sandbox/controllers/all.ts';
import { createManagedCluster, type AksCreateRequest } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import type { Container, Node, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import { Shell } from '../../../sandbox/shell/shell.ts';
import { harness, type Harness } from '../../support/harness.ts';

export interface Lab {
  world: World;
  mc: ManagedCluster;
  id: string;
  nodes: string[];
  h: Harness;
  /** Runs a line on the workstation. */
  ws(line: string): Out;
  /** Runs a line in a pod (a fresh shell each time, like `kubectl exec`). */
  inPod(name: string, line: string, namespace?: string): Out;
  /** Runs a line on a node (root shell). */
  onNode(index: number, line: string): Out;
  settle(): void;
}

export interface Out {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function settleAll(world: World): void {
  const r = settle(world, allControllers());
  if (!r.settled) throw new Error('the world did not settle');
}

export function lab(request: Partial<AksCreateRequest> = {}, seed = 'tools-lab'): Lab {
  const world = new World(createWorldState(seed));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: 'rg1', location: 'eastus' }));
  const mc = createManagedCluster(world, { resourceGroup: 'rg1', name: 'aks1', nodeCount: 2, ...request });
  if (isAzureError(mc)) throw new Error(`${mc.code}: ${mc.message}`);
  settleAll(world);
  const h = harness(world);
  const nodes = world
    .k8sList<Node>(mc.id, 'Node')
    .map((n) => n.metadata.name)
    .sort();
  const run = (shell: Shell, line: string): Out => {
    const r = shell.exec(line);
    h.sim.settle();
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };
  return {
    world,
    mc: world.resource<ManagedCluster>(mc.id)!,
    id: mc.id,
    nodes,
    h,
    ws: (line) => h.run(line),
    inPod: (name, line, namespace = 'default') => {
      const host = h.hosts.pod(mc.id, namespace, name);
      if (!host) throw new Error(`no pod ${namespace}/${name}`);
      return run(new Shell(host), line);
    },
    onNode: (index, line) => {
      const host = h.hosts.node(mc.id, nodes[index]!);
      if (!host) throw new Error(`no node ${index}`);
      return run(new Shell(host), line);
    },
    settle: () => settleAll(world),
  };
}

function meta(name: string, labels?: Record<string, string>, namespace = 'default') {
  return { name, namespace, labels, uid: '', resourceVersion: '', creationTimestamp: '' };
}

export function pod(l: Lab, name: string, node: number, o: { image?: string; labels?: Record<string, string>; ports?: number[]; env?: Container['env']; args?: string[] } = {}): void {
  l.world.k8sPut<Pod>(l.id, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, o.labels ?? { run: name }),
    spec: {
      nodeName: l.nodes[node]!,
      containers: [
        {
          name,
          image: o.image ?? 'nginx:1.27',
          ...(o.ports ? { ports: o.ports.map((p) => ({ containerPort: p, protocol: 'TCP' as const })) } : {}),
          ...(o.env ? { env: o.env } : {}),
          ...(o.args ? { args: o.args } : {}),
        },
      ],
    },
    status: { phase: 'Pending' },
  });
}

export function service(l: Lab, name: string, spec: Partial<Service['spec']> = {}): void {
  l.world.k8sPut<Service>(l.id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...spec },
    status: { loadBalancer: {} },
  });
}

export function svc(l: Lab, name: string): Service {
  return l.world.k8sGet<Service>(l.id, 'Service', 'default', name)!;
}

export function lbIp(l: Lab, name: string): string {
  return svc(l, name).status.loadBalancer.ingress![0]!.ip!;
}

export function podIp(l: Lab, name: string): string {
  return l.world.k8sGet<Pod>(l.id, 'Pod', 'default', name)!.status.podIP!;
}

export function nodeIp(l: Lab, index: number): string {
  const node = l.world.k8sGet<Node>(l.id, 'Node', undefined, l.nodes[index]!)!;
  return node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

/** stdout, stderr and the exit code as one text, for golden files. */
export function transcript(line: string, out: Out): string {
  return `$ ${line}\n${out.stdout}${out.stderr ? `${out.stdout && !out.stdout.endsWith('\n') ? '\n' : ''}[stderr]\n${out.stderr}` : ''}[exit ${out.exitCode}]\n`;
}
