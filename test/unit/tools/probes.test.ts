// ping, traceroute and nc over the path engine: what answers ICMP (pods, nodes, the internet)
// and what does not (a Service's ClusterIP, a load balancer frontend), the routers a packet
// passes (cbr0, the receiving node) and the silence beyond Azure, and TCP port checks.
import { describe, expect, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { lab, lbIp, nodeIp, pod, podIp, service, transcript } from './fixtures.ts';

const golden = goldenIn('tools');
const l = lab({ networkPlugin: 'kubenet' }, 'probes-lab');
pod(l, 'web', 0, { labels: { app: 'web' } });
pod(l, 'ns', 1, { image: 'nicolaka/netshoot' });
pod(l, 'bb', 1, { image: 'busybox:1.36' });
service(l, 'web', { type: 'LoadBalancer' });
service(l, 'empty', { selector: { app: 'none' } });
l.settle();

function check(name: string, run: (line: string) => { stdout: string; stderr: string; exitCode: number }, lines: string[]): void {
  golden(`probes/${name}.txt`, lines.map((line) => transcript(line, run(line))).join('\n'));
}

describe('ping', () => {
  it('iputils in netshoot: a pod answers, a ClusterIP does not, names fail with exit 2', () => {
    check('ping-netshoot', (line) => l.inPod('ns', line), [`ping -c 2 ${podIp(l, 'web')}`, 'ping -c 2 web', 'ping -c 3 -i 0.2 bing.com', 'ping nosuch', 'ping -c 1 -W 2 10.9.9.9', 'ping -z x']);
  });

  it('BusyBox ping', () => {
    check('ping-busybox', (line) => l.inPod('bb', line), [`ping -c 2 ${podIp(l, 'web')}`, 'ping -c 2 web', 'ping nosuch']);
  });

  it('the workstation: a load balancer frontend drops ICMP, the internet answers; waiting costs time', () => {
    const before = l.world.now();
    const out = l.ws(`ping -c 4 ${lbIp(l, 'web')}`);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('4 packets transmitted, 0 received, 100% packet loss');
    expect(l.world.now() - before).toBeGreaterThanOrEqual(13_000);
    check('ping-workstation', l.ws, ['ping -c 2 example.com']);
  });

  it('a node pings another node', () => {
    check('ping-node', (line) => l.onNode(1, line), [`ping -c 2 ${nodeIp(l, 0)}`]);
  });
});

describe('traceroute', () => {
  it('shows cbr0 and the receiving node; Azure beyond the node is silent', () => {
    check('traceroute', (line) => l.inPod('ns', line), [`traceroute -n ${podIp(l, 'web')}`, `traceroute ${podIp(l, 'web')}`, 'traceroute -n -m 4 bing.com', 'traceroute nosuch']);
    check('traceroute-busybox', (line) => l.inPod('bb', line), [`traceroute -n ${podIp(l, 'web')}`]);
    check('traceroute-workstation', l.ws, [`traceroute -n -m 3 ${lbIp(l, 'web')}`, 'traceroute -T example.com']);
  });
});

describe('nc', () => {
  it('OpenBSD nc: succeeded, refused, timed out, and raw HTTP through stdin', () => {
    check('nc-openbsd', (line) => l.inPod('ns', line), [
      'nc -zv web 80',
      'nc -zv empty 80',
      'nc -zv -w 2 web 8080',
      'nc -zv nosuch 80',
      `nc -zv ${nodeIp(l, 0)} 22`,
      'printf "GET / HTTP/1.0\\r\\nHost: web\\r\\n\\r\\n" | nc web 80 | head -3',
    ]);
  });

  it('BusyBox nc', () => {
    check('nc-busybox', (line) => l.inPod('bb', line), ['nc -zv web 80', 'nc -zv empty 80', 'nc -zvv empty 80', 'nc -w 2 -zv 10.9.9.9 80', 'nc -zv nosuch 80']);
  });
});
