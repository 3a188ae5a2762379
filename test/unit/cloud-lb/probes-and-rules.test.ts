import { describe, expect, it } from 'vitest';
import type { LoadBalancer } from '../../../sandbox/model/azure/types.ts';
import { addService, eventsOf, getService, settleLb, threeNodeCluster } from './fixtures.ts';

const UID = '0b7e5a51-1111-4222-8333-944455556666';
const BASE = 'a0b7e5a5111114222833394445555666';

function lbOf(f: ReturnType<typeof threeNodeCluster>): LoadBalancer {
  return f.world.resource<LoadBalancer>(f.lbId)!;
}

describe('externalTrafficPolicy Local', () => {
  const f = threeNodeCluster();
  addService(f, 'web', {
    uid: UID,
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32649,
    ports: [
      { name: 'http', port: 80, nodePort: 30396 },
      { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 },
    ],
  });
  settleLb(f);
  const lb = lbOf(f);

  it('has one HTTP /healthz probe on the healthCheckNodePort, named <base>-TCP-<healthCheckNodePort>', () => {
    expect(lb.probes).toHaveLength(1);
    expect(lb.probes[0]).toMatchObject({
      name: `${BASE}-TCP-32649`,
      protocol: 'Http',
      port: 32649,
      requestPath: '/healthz',
      intervalInSeconds: 5,
      probeThreshold: 2,
    });
  });

  it('points every port rule at it, the UDP one included', () => {
    expect(lb.loadBalancingRules.map((r) => [r.name, r.protocol, r.enableTcpReset, r.probe?.id])).toEqual([
      [`${BASE}-TCP-80`, 'Tcp', true, `${f.lbId}/probes/${BASE}-TCP-32649`],
      [`${BASE}-UDP-53`, 'Udp', false, `${f.lbId}/probes/${BASE}-TCP-32649`],
    ]);
    expect(lb.probes[0]!.loadBalancingRules).toEqual([
      { id: `${f.lbId}/loadBalancingRules/${BASE}-TCP-80` },
      { id: `${f.lbId}/loadBalancingRules/${BASE}-UDP-53` },
    ]);
  });

  it('switching to Cluster replaces the healthz probe with a TCP probe on the TCP nodePort', () => {
    const svc = structuredClone(getService(f, 'web')!);
    svc.spec.externalTrafficPolicy = 'Cluster';
    delete svc.spec.healthCheckNodePort;
    f.world.k8sPut(f.clusterId, svc);
    settleLb(f);
    const after = lbOf(f);
    expect(after.probes.map((p) => [p.name, p.protocol, p.port])).toEqual([[`${BASE}-TCP-80`, 'Tcp', 30396]]);
    expect(after.loadBalancingRules.map((r) => r.probe?.id ?? null)).toEqual([`${f.lbId}/probes/${BASE}-TCP-80`, null]);
  });
});

describe('Cluster probes and rule options', () => {
  it('appProtocol http gives an HTTP probe on the nodePort with path /; UDP gets no probe', () => {
    const f = threeNodeCluster();
    addService(f, 'web', {
      uid: UID,
      ports: [
        { name: 'http', port: 80, nodePort: 30080, appProtocol: 'http' },
        { name: 'https', port: 443, nodePort: 30443, appProtocol: 'HTTPS' },
        { name: 'udp', port: 5000, protocol: 'UDP', nodePort: 30500 },
      ],
    });
    settleLb(f);
    const lb = lbOf(f);
    expect(lb.probes.map((p) => [p.name, p.protocol, p.port, p.requestPath])).toEqual([
      [`${BASE}-TCP-80`, 'Http', 30080, '/'],
      [`${BASE}-TCP-443`, 'Https', 30443, '/'],
    ]);
    expect(lb.loadBalancingRules.find((r) => r.name === `${BASE}-UDP-5000`)!.probe).toBeUndefined();
  });

  it('honours the probe, idle-timeout, reset and per-port annotations, and ClientIP affinity', () => {
    const f = threeNodeCluster();
    addService(f, 'web', {
      uid: UID,
      sessionAffinity: 'ClientIP',
      annotations: {
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-interval': '10',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe': '3',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol': 'http',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/ready',
        'service.beta.kubernetes.io/port_443_health-probe_interval': '7',
        'service.beta.kubernetes.io/port_443_health-probe_protocol': 'tcp',
        'service.beta.kubernetes.io/port_8080_no_probe_rule': 'true',
        'service.beta.kubernetes.io/port_9090_no_lb_rule': 'true',
        'service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout': '30',
        'service.beta.kubernetes.io/azure-load-balancer-disable-tcp-reset': 'true',
      },
      ports: [
        { name: 'http', port: 80, nodePort: 30080 },
        { name: 'https', port: 443, nodePort: 30443 },
        { name: 'alt', port: 8080, nodePort: 30808 },
        { name: 'metrics', port: 9090, nodePort: 30909 },
      ],
    });
    settleLb(f);
    const lb = lbOf(f);
    expect(lb.probes.map((p) => [p.name, p.protocol, p.port, p.requestPath ?? null, p.intervalInSeconds, p.probeThreshold])).toEqual([
      [`${BASE}-TCP-80`, 'Http', 30080, '/ready', 10, 3],
      [`${BASE}-TCP-443`, 'Tcp', 30443, null, 7, 3],
    ]);
    expect(lb.loadBalancingRules.map((r) => [r.name, r.idleTimeoutInMinutes, r.enableTcpReset, r.loadDistribution, r.probe ? 'probe' : 'none'])).toEqual([
      [`${BASE}-TCP-80`, 30, false, 'SourceIP', 'probe'],
      [`${BASE}-TCP-443`, 30, false, 'SourceIP', 'probe'],
      [`${BASE}-TCP-8080`, 30, false, 'SourceIP', 'none'],
    ]);
  });

  it('a probe port annotation naming another port probes that port\'s nodePort', () => {
    const f = threeNodeCluster();
    addService(f, 'web', {
      uid: UID,
      annotations: { 'service.beta.kubernetes.io/port_80_health-probe_port': 'status' },
      ports: [
        { name: 'http', port: 80, nodePort: 30080 },
        { name: 'status', port: 8081, nodePort: 30081 },
      ],
    });
    settleLb(f);
    expect(lbOf(f).probes.map((p) => [p.name, p.port])).toEqual([
      [`${BASE}-TCP-80`, 30081],
      [`${BASE}-TCP-8081`, 30081],
    ]);
  });

  it('rejects a probe interval below 5 s with CPA\'s error, and leaves the LB alone', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-health-probe-interval': '3' } });
    settleLb(f);
    expect(eventsOf(f, 'web')).toEqual([
      'Normal EnsuringLoadBalancer: Ensuring load balancer',
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: failed to parse health probe config for port 80: ' +
        'failed to parse annotation service.beta.kubernetes.io/azure-load-balancer-health-probe-interval: error parsing value: the minimum value of interval is 5',
    ]);
    expect(lbOf(f).frontendIPConfigurations).toHaveLength(1);
    expect(f.world.resourcesOfType('Microsoft.Network/publicIPAddresses')).toHaveLength(1);
  });

  it('rejects an idle timeout outside 4-100', () => {
    const f = threeNodeCluster();
    addService(f, 'web', { uid: UID, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout': '120' } });
    settleLb(f);
    expect(eventsOf(f, 'web')[1]).toBe(
      'Warning SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: error generate lb rule for ha mod loadbalancer. err: ' +
        'error parsing idle timeout key: service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout, err: error parsing value: ' +
        'idle timeout value must be a whole number representing minutes between 4 and 100, actual value: 120',
    );
  });
});
