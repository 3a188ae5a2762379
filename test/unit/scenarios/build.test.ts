// Every scenario builds through the real code paths, settles, is deterministic byte for byte,
// and matches its golden inventory (test/golden/scenarios/<id>.txt; regenerate with
// `UPDATE_GOLDEN=1 npx vitest run test/unit/scenarios` and review the diff). Build times are
// printed, not asserted (the machine is shared).
import { afterAll, describe, expect, it } from 'vitest';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { parseKubeconfig, resolveContext } from '../../../sandbox/model/kubeconfig.ts';
import { buildScenario, scenarioControllers } from '../../../sandbox/scenarios/build.ts';
import { DEFAULT_SCENARIO, getScenario, scenarioIds } from '../../../sandbox/scenarios/registry.ts';
import { summarizeWorld } from '../../../sandbox/scenarios/summary.ts';
import { goldenIn } from '../../support/golden.ts';
import { clusterOf } from './helpers.ts';

const expectGolden = goldenIn('scenarios');
const timings: string[] = [];

const IDS = [
  'kubenet-basic',
  'azure-cni-basic',
  'cni-overlay',
  'lb-service',
  'authorized-ip',
  'private-cluster-system',
  'private-cluster-byo-dns',
  'private-cluster-public-fqdn',
  'apiserver-vnet-integration',
  'case-nodes-notready',
  'case-bumpy-dns',
  'case-outbound-ip-changed',
  'case-udr-dns-blackhole',
  'case-snat-exhaustion',
  'case-stale-route',
  'case-lb-pending',
];

describe('the registry', () => {
  it('knows every scenario, kubenet-basic by default', () => {
    expect(scenarioIds()).toEqual([...IDS].sort());
    expect(DEFAULT_SCENARIO).toBe('kubenet-basic');
    expect(getScenario().id).toBe('kubenet-basic');
    expect(() => getScenario('nope')).toThrow(`unknown scenario "nope" (known: ${[...IDS].sort().join(', ')})`);
  });

  it('gives each scenario its own seed, a description and notes', () => {
    const defs = IDS.map((id) => getScenario(id));
    expect(new Set(defs.map((d) => d.seed)).size).toBe(IDS.length);
    for (const d of defs) {
      expect(d.description.length).toBeGreaterThan(80);
      expect(d.notes?.length ?? 0).toBeGreaterThan(80);
      expect(d.files?.['README.txt']).toBeDefined();
    }
  });
});

describe.each(IDS)('%s', (id) => {
  const start = performance.now();
  const first = buildScenario(getScenario(id));
  const firstMs = performance.now() - start;
  const again = performance.now();
  const second = buildScenario(getScenario(id));
  timings.push(`${id.padEnd(28)} ${firstMs.toFixed(0).padStart(5)} ms first, ${(performance.now() - again).toFixed(0).padStart(4)} ms again`);

  it('is deterministic: the same definition gives the same world and files, byte for byte', () => {
    expect(JSON.stringify(second.world.state)).toBe(JSON.stringify(first.world.state));
    expect(second.files).toEqual(first.files);
  });

  it('is settled: another round changes nothing', () => {
    const state = JSON.stringify(first.world.state);
    expect(settle(first.world, scenarioControllers())).toEqual({ rounds: 1, settled: true });
    expect(JSON.stringify(first.world.state)).toBe(state);
  });

  it('leaves a kubeconfig whose current context points at the cluster', () => {
    const parsed = parseKubeconfig(first.files['.kube/config']!);
    if (!parsed.ok) throw new Error(parsed.message);
    const ctx = resolveContext(parsed.config)!;
    const mc = clusterOf(first.world);
    expect(ctx.name).toBe('aks1');
    expect(ctx.context.user).toBe('clusterUser_rg-lab_aks1');
    const host = mc.apiServerAccessProfile?.enablePrivateCluster ? (mc.privateFqdn ?? mc.fqdn) : mc.fqdn;
    expect(ctx.cluster!.server).toBe(`https://${host}:443`);
  });

  it('matches its golden inventory', () => {
    expectGolden(`${id}.txt`, summarizeWorld(first.world, first.files));
  });
});

afterAll(() => {
  console.log(`scenario build times:\n${timings.join('\n')}`);
});
