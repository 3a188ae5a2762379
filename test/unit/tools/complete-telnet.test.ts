// Tab completion of the tools (options, Service names from a pod) and BusyBox telnet.
import { describe, expect, it } from 'vitest';
import { lab, pod, service } from './fixtures.ts';

const l = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'complete-lab');
pod(l, 'web', 0, { labels: { app: 'web' } });
pod(l, 'bb', 0, { image: 'busybox:1.36' });
service(l, 'web');
service(l, 'webhook', { selector: { app: 'none' } });
l.settle();

describe('completion', () => {
  it('offers Service names of the namespace in a pod, options after a dash', () => {
    const host = l.h.hosts.pod(l.id, 'default', 'bb')!;
    const ctx = { env: {}, cwd: '/', fs: host.fs, host };
    expect(host.commands.get('wget')!.complete!(['we'], ctx)).toEqual(['web', 'webhook']);
    expect(host.commands.get('nc')!.complete!(['-'], ctx)).toEqual(['-n', '-u', '-v', '-w', '-z']);
    const ws = l.h.hosts.workstation();
    expect(ws.commands.get('curl')!.complete!(['--con'], { env: {}, cwd: '/', fs: ws.fs, host: ws })).toEqual(['--connect-timeout']);
  });
});

describe('busybox telnet', () => {
  it('connects silently, or fails like BusyBox', () => {
    expect(l.inPod('bb', 'telnet web 80')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(l.inPod('bb', 'telnet webhook 80').stderr).toMatch(/^telnet: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n$/);
    expect(l.inPod('bb', 'telnet nosuch 80').stderr).toBe("telnet: bad address 'nosuch'\n");
  });
});
