// Pure helpers: selectors, target ports, name hashes, scheduler messages, IP allocators.
import { describe, expect, it } from 'vitest';
import { intToIp, ipToInt, parseCidr } from '../../../sandbox/core/ip.ts';
import { selectorMatches } from '../../../sandbox/controllers/k8s/labels.ts';
import { templateHash } from '../../../sandbox/controllers/k8s/names.ts';
import { blockAllocate, hostLocalAllocate, poolAllocate } from '../../../sandbox/controllers/k8s/ipam.ts';
import { fitErrorMessage, tolerates } from '../../../sandbox/controllers/k8s/scheduling.ts';
import { resolveTargetPort } from '../../../sandbox/controllers/k8s/service-backends.ts';
import { allocateIndex, serviceIpRange } from '../../../sandbox/controllers/k8s/service-allocation.ts';
import { defaultPullPolicy, qosClass } from '../../../sandbox/controllers/k8s/pod-defaults.ts';
import { imageId, normalizeImage } from '../../../sandbox/controllers/k8s/images.ts';
import type { Pod } from '../../../sandbox/model/k8s/types.ts';

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };
  it('matches plain maps (Service selectors) by equality of every key', () => {
    expect(selectorMatches({ app: 'web' }, labels)).toBe(true);
    expect(selectorMatches({ app: 'web', tier: 'back' }, labels)).toBe(false);
    expect(selectorMatches({ app: 'web' }, undefined)).toBe(false);
  });
  it('evaluates matchLabels and every matchExpressions operator', () => {
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
  });
  it('an empty LabelSelector selects everything, a missing one nothing', () => {
    expect(selectorMatches({ matchLabels: {} }, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });
});

describe('resolveTargetPort', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'a', image: 'x', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] },
        { name: 'b', image: 'y', ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] },
      ],
    },
  } as unknown as Pod;
  it('keeps numbers, looks names up across containers with the same protocol', () => {
    expect(resolveTargetPort(pod, { port: 80, protocol: 'TCP', targetPort: 8443 })).toBe(8443);
    expect(resolveTargetPort(pod, { port: 80, protocol: 'TCP', targetPort: 'http' })).toBe(8080);
    expect(resolveTargetPort(pod, { port: 9, protocol: 'TCP', targetPort: 'metrics' })).toBe(9090);
    expect(resolveTargetPort(pod, { port: 53, protocol: 'UDP', targetPort: 'dns' })).toBe(53);
    expect(resolveTargetPort(pod, { port: 53, protocol: 'TCP', targetPort: 'dns' })).toBeUndefined();
    expect(resolveTargetPort(pod, { port: 80, protocol: 'TCP', targetPort: 'nope' })).toBeUndefined();
  });
  it('falls back to the port when targetPort is omitted', () => {
    expect(resolveTargetPort(pod, { port: 80, protocol: 'TCP' } as never)).toBe(80);
  });
});

describe('templateHash', () => {
  it('is the decimal FNV hash safe-encoded: up to 10 characters from 4-9 and b c d f', () => {
    const hash = templateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(templateHash({ b: 1, a: 2 })).toBe(templateHash({ a: 2, b: 1 }));
    expect(templateHash({ image: 'nginx:1' })).not.toBe(templateHash({ image: 'nginx:2' }));
  });
});

describe('fitErrorMessage', () => {
  it('counts reasons per node, sorts them as strings and ends with the preemption summary', () => {
    expect(fitErrorMessage(3, Array(3).fill({ reason: 'Too many pods', preemptible: true }))).toBe(
      '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
    expect(
      fitErrorMessage(3, [
        { reason: 'Too many pods', preemptible: true },
        { reason: 'Too many pods', preemptible: true },
        { reason: 'node(s) were unschedulable', preemptible: false },
      ]),
    ).toBe(
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    expect(fitErrorMessage(0, [])).toBe('no nodes available to schedule pods');
  });
  it('tolerations match taints by key, value and effect', () => {
    const taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' as const };
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'gpu' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'cpu' }, { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(false);
  });
});

describe('pod IP allocators', () => {
  const cidr = parseCidr('10.244.1.0/24');
  it('host-local starts at .2 (the bridge has .1), resumes after the last reservation and wraps', () => {
    const used = new Set<number>();
    const first = hostLocalAllocate(cidr, used, undefined)!;
    expect(intToIp(first)).toBe('10.244.1.2');
    used.add(first);
    expect(intToIp(hostLocalAllocate(cidr, used, first)!)).toBe('10.244.1.3');
    // .2 was freed, but host-local continues after the last address it handed out.
    expect(intToIp(hostLocalAllocate(cidr, new Set(), ipToInt('10.244.1.3'))!)).toBe('10.244.1.4');
    expect(intToIp(hostLocalAllocate(cidr, new Set(), ipToInt('10.244.1.254'))!)).toBe('10.244.1.2');
    const full = new Set(Array.from({ length: 253 }, (_, i) => ipToInt('10.244.1.2') + i));
    expect(hostLocalAllocate(cidr, full, undefined)).toBeNull();
  });
  it('the overlay block allocator stays inside the block and skips used addresses', () => {
    const used = new Set<number>();
    for (let i = 0; i < 254; i++) {
      const ip = blockAllocate(cidr, used, i * 7919)!;
      expect(ip).toBeGreaterThan(cidr.base);
      expect(ip).toBeLessThan(cidr.base + 255);
      expect(used.has(ip)).toBe(false);
      used.add(ip);
    }
    expect(blockAllocate(cidr, used, 1)).toBeNull();
  });
  it('the NIC pool allocator only hands out pool members', () => {
    const pool = [ipToInt('10.224.0.5'), ipToInt('10.224.0.6')];
    const a = poolAllocate(pool, new Set(), 11)!;
    const b = poolAllocate(pool, new Set([a]), 11)!;
    expect(new Set([a, b])).toEqual(new Set(pool));
    expect(poolAllocate(pool, new Set(pool), 3)).toBeNull();
  });
});

describe('service allocators', () => {
  it('reserve the lower band of a /16 for static ClusterIPs (256 addresses)', () => {
    const range = serviceIpRange('10.0.0.0/16')!;
    expect(range.offset).toBe(256);
    expect(range.size).toBe(65534);
    expect(serviceIpRange('10.0.0.0/28')!.offset).toBe(16);
    expect(serviceIpRange('10.0.0.0/29')!.offset).toBe(0);
  });
  it('random scan with offset prefers the upper band, then falls back to the lower one', () => {
    expect(allocateIndex(10, 4, () => false, 0)).toBe(4);
    expect(allocateIndex(10, 4, (i) => i >= 4, 0)).toBe(0);
    expect(allocateIndex(10, 4, () => true, 0)).toBeNull();
  });
});

describe('pod defaults', () => {
  it('pull policy Always for latest or untagged images, IfNotPresent otherwise', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
  });
  it('QoS class from requests and limits', () => {
    const spec = (resources?: object) => ({ containers: [{ name: 'a', image: 'x', resources }] }) as never;
    expect(qosClass(spec())).toBe('BestEffort');
    expect(qosClass(spec({ requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(qosClass(spec({ limits: { cpu: '1', memory: '1Gi' } }))).toBe('Guaranteed');
    expect(qosClass(spec({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } }))).toBe('Burstable');
  });
  it('image names as containerd reports them', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('bitnami/redis:7')).toBe('docker.io/bitnami/redis:7');
    expect(normalizeImage('mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-6')).toBe('mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-6');
    expect(imageId('nginx:1.27')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});
