// Random token lists thrown at the tools' argument parsers and at whole commands: always a
// result or an error message, never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurlArgs } from '../../../sandbox/cli/tools/curl/args.ts';
import { lab, pod, service } from './fixtures.ts';

const TOKENS = ['-v', '-s', '-S', '-I', '-i', '-o', '-m', '--max-time', '--connect-timeout', '-k', '-L', '--resolve', '-H', '-X', '-w', '-f', '-d', '--no-verbose', '--no-output', '-sSL', '-m5', '-o/dev/null', '--', '-', '5', 'abc', 'web', 'http://web', 'https://web', 'http://', 'ftp://x', 'web:99999', '%{http_code}', 'x:80:1.2.3.4', 'Host: a', '', '-#', '--bogus', '-z', 'example.com', 'ifconfig.me'];
const token = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }));

describe('curl argument parser', () => {
  it('never throws and either parses or names the offending option', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (args) => {
        const r = parseCurlArgs(args);
        if (!r.ok) {
          expect(typeof r.option).toBe('string');
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('whole tool commands', () => {
  const l = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'fuzz');
  pod(l, 'web', 0, { labels: { app: 'web' } });
  service(l, 'web');
  l.settle();
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

  it('curl with random arguments returns a result', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (args) => {
        const line = ['curl', '-m', '2', ...args].map(quote).join(' ');
        const out = l.ws(line);
        expect(typeof out.exitCode).toBe('number');
        expect(out.stderr).not.toMatch(/internal error/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('every tool with random arguments', () => {
  const m = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'fuzz-all');
  pod(m, 'web', 0, { labels: { app: 'web' } });
  pod(m, 'bb', 0, { image: 'busybox:1.36' });
  pod(m, 'ns', 0, { image: 'nicolaka/netshoot' });
  service(m, 'web');
  m.settle();
  const WORDS = ['-c', '1', '-w', '2', '-W', '-n', '-z', '-v', '-t', 'nat', '-L', '-S', '-T', '-I', '-p', '80', '53', 'web', 'nosuch', '10.0.0.10', '+short', '@8.8.8.8', '-x', 'a', 'r', 'link', 'route', 'get', 'dev', 'eth0', '-4', '-br', '-type=A', '-q', '-O', '-', '-s', '.', '.a', '-r', '--', '-m', '1', 'KUBE-SERVICES', 'example.com'];
  const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const TOOLS = ['ping', 'traceroute', 'nc', 'nslookup', 'dig', 'host', 'ip', 'wget', 'telnet', 'hostname', 'iptables', 'iptables-save', 'jq', 'ifconfig'];

  it('always returns a result (netshoot, BusyBox, node)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TOOLS), fc.constantFrom('ns', 'bb', 'node'), fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 5 })), { maxLength: 5 }), (tool, where, args) => {
        const line = [tool, ...args].map(quote).join(' ');
        const out = where === 'node' ? m.onNode(0, line) : m.inPod(where, line);
        expect(typeof out.exitCode).toBe('number');
        expect(out.stderr).not.toMatch(/internal error/);
      }),
      { numRuns: 300 },
    );
  });
});
