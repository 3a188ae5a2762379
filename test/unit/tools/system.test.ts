// ip, ifconfig, hostname and iptables on each kind of host: a kubenet node (cbr0, veths, the
// pod range route), an Azure CNI node (azv interfaces and /32 routes), pods, the workstation.
import { describe, expect, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { lab, pod, podIp, service, transcript } from './fixtures.ts';

const golden = goldenIn('tools');

function check(name: string, run: (line: string) => { stdout: string; stderr: string; exitCode: number }, lines: string[]): void {
  golden(`system/${name}.txt`, lines.map((line) => transcript(line, run(line))).join('\n'));
}

describe('kubenet cluster', () => {
  const l = lab({ networkPlugin: 'kubenet', nodeCount: 2 }, 'system-kubenet');
  pod(l, 'web', 0, { labels: { app: 'web' } });
  pod(l, 'ns', 0, { image: 'nicolaka/netshoot' });
  pod(l, 'bb', 1, { image: 'busybox:1.36' });
  service(l, 'web');
  l.settle();

  it('node: interfaces, routes, hostname, iptables', () => {
    check('node-kubenet', (line) => l.onNode(0, line), [
      'ip -4 a',
      'ip -br link',
      'ip r',
      `ip route get ${podIp(l, 'bb')}`,
      'ip addr show dev nope',
      'ip foo',
      'hostname',
      'hostname -i',
      'hostname -I',
      'iptables -t nat -L KUBE-SERVICES -n',
      'iptables -t nat -S KUBE-POSTROUTING',
      'iptables -t nat -L KUBE-NOPE',
      'iptables -L INPUT -n -v --line-numbers',
      'iptables -t raw -L',
      'iptables -A INPUT -j DROP',
      'iptables --bogus',
      'iptables-save -t nat | head -4',
    ]);
  });

  it('pods: iproute2 in netshoot, BusyBox ip and ifconfig, no iptables rights', () => {
    check('pod-netshoot', (line) => l.inPod('ns', line), ['ip a', 'ip r', 'hostname -i', 'iptables -L', 'cat /etc/resolv.conf']);
    check('pod-busybox', (line) => l.inPod('bb', line), ['ip a', 'ip r', 'ifconfig eth0', 'hostname -i', 'hostname -I', 'iptables -L']);
  });

  it('the workstation: a LAN address, and iptables needs root', () => {
    check('workstation', l.ws, ['ip -4 a', 'ip r', 'hostname -I', 'iptables -t nat -L', 'iptables-save']);
  });
});

describe('Azure CNI cluster', () => {
  const l = lab({ networkPlugin: 'azure', nodeCount: 2 }, 'system-azure');
  pod(l, 'web', 0, { labels: { app: 'web' } });
  pod(l, 'ns', 0, { image: 'nicolaka/netshoot' });
  l.settle();

  it('node routes each pod address to its azv interface; the pod routes via 169.254.1.1', () => {
    const node = l.onNode(0, 'ip r');
    expect(node.stdout).toMatch(new RegExp(`^${podIp(l, 'web').replace(/\./g, '\\.')} dev azv[0-9a-f]+ proto static scope link $`, 'm'));
    check('pod-azure-cni', (line) => l.inPod('ns', line), ['ip -4 a', 'ip r']);
  });
});
