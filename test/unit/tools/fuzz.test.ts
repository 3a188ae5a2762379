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
