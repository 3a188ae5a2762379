// The Instance Metadata Service seen with curl from a node and from a pod (which gets its node's
// document), and its refusals without the Metadata header or an api-version.
import { describe, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { lab, pod, transcript } from './fixtures.ts';

const golden = goldenIn('tools');

describe('IMDS', () => {
  it('answers about the VM the request comes from', () => {
    const l = lab({ networkPlugin: 'kubenet', nodeCount: 1 }, 'imds-lab');
    pod(l, 'ns', 0, { image: 'nicolaka/netshoot' });
    l.settle();
    const base = 'http://169.254.169.254/metadata/instance';
    const lines: [string, (line: string) => { stdout: string; stderr: string; exitCode: number }][] = [
      [`curl -s -H Metadata:true "${base}?api-version=2021-02-01" | jq .compute`, (x) => l.onNode(0, x)],
      [`curl -s -H Metadata:true "${base}/compute/vmSize?api-version=2021-02-01&format=text"`, (x) => l.onNode(0, x)],
      [`curl -s "${base}?api-version=2021-02-01"`, (x) => l.onNode(0, x)],
      [`curl -s -H Metadata:true "${base}"`, (x) => l.onNode(0, x)],
      [`curl -s -H Metadata:true "${base}/network/interface/0/ipv4/ipAddress/0/privateIpAddress?api-version=2021-02-01&format=text"`, (x) => l.inPod('ns', x)],
    ];
    golden('curl/imds.txt', lines.map(([line, run]) => transcript(line, run(line))).join('\n'));
  });
});
