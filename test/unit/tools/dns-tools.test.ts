// nslookup (BIND and BusyBox), dig and host wired to the DNS engine: options, exit codes, the
// time the lookups take, and BusyBox's no-search-for-dotted-names behaviour.
import { describe, expect, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { addNsgRule, agentNsg } from '../trace/fixtures.ts';
import { lab, pod, service, transcript } from './fixtures.ts';

const golden = goldenIn('tools');
const l = lab({ networkPlugin: 'kubenet' }, 'dns-tools');
pod(l, 'web', 0, { labels: { app: 'web' } });
pod(l, 'bb', 1, { image: 'busybox:1.36' });
pod(l, 'ns', 1, { image: 'nicolaka/netshoot' });
service(l, 'web');
l.settle();

function check(name: string, run: (line: string) => { stdout: string; stderr: string; exitCode: number }, lines: string[]): void {
  golden(`dns/${name}.txt`, lines.map((line) => transcript(line, run(line))).join('\n'));
}

describe('BusyBox nslookup', () => {
  it('asks every search domain for short names, none for dotted ones', () => {
    check('busybox-nslookup', (line) => l.inPod('bb', line), [
      'nslookup web',
      'nslookup kubernetes.default',
      'nslookup web.default.svc.cluster.local',
      'nslookup 10.0.0.10',
      'nslookup -type=a web.default.svc.cluster.local 10.0.0.10',
      'nslookup',
      'nslookup -bogus web',
    ]);
  });
});

describe('BIND tools in netshoot', () => {
  it('nslookup, dig and host', () => {
    check('bind-tools', (line) => l.inPod('ns', line), [
      'nslookup web',
      'nslookup -type=A nosuch',
      'dig web.default.svc.cluster.local +short',
      'dig +search web',
      'dig -x 10.0.0.10 +noall +answer',
      'dig @8.8.8.8 www.microsoft.com',
      'dig @nosuch.invalid web',
      'host web',
      'host www.microsoft.com',
      'host nosuch',
    ]);
  });

  it('a busybox pod has no dig', () => {
    expect(l.inPod('bb', 'dig web').stderr).toBe('sh: dig: not found\n');
  });
});

describe('DNS timeouts cost their real time', () => {
  it('dig waits its three tries of 5 s and says no servers could be reached', () => {
    const m = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'dns-timeout');
    pod(m, 'ns', 0, { image: 'nicolaka/netshoot' });
    m.settle();
    addNsgRule(m.world, agentNsg(m.world, m.mc), { name: 'deny-dns-out', priority: 100, direction: 'Outbound', access: 'Deny', protocol: '*', destinationPortRange: '53' });
    const before = m.world.now();
    const out = m.inPod('ns', 'dig @8.8.8.8 example.com');
    expect(out.exitCode).toBe(9);
    expect(out.stdout).toContain(';; communications error to 8.8.8.8#53: timed out');
    expect(out.stdout).toContain(';; no servers could be reached');
    expect(m.world.now() - before).toBeGreaterThanOrEqual(15_000);
  });
});
