// The world kubectl's tests run against: the course's kubenet-basic scenario (a three-node
// cluster aks1 with a `web` Deployment behind a ClusterIP Service), the learner's workstation
// with its kubeconfig, and helpers that run command lines and record them as transcripts.
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import { kubenetBasic } from '../../../sandbox/scenarios/kubenet-basic.ts';
import { harness, type Harness } from '../../support/harness.ts';
import { goldenIn } from '../../support/golden.ts';

export const expectGolden = goldenIn('kubectl');

export function lab(): Harness {
  const { world, files } = buildScenario(kubenetBasic);
  return harness(world, files);
}

/** `$ line`, then stdout, stderr and the exit status of every line, as one text. */
export function transcript(h: Harness, lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    const r = h.run(line);
    text += `$ ${line}\n${r.stdout}`;
    if (r.stderr) text += `[stderr]\n${r.stderr}`;
    text += `[exit ${r.exitCode}]\n\n`;
  }
  return text;
}

export function run(h: Harness, line: string): { stdout: string; stderr: string; exitCode: number } {
  return h.run(line);
}
