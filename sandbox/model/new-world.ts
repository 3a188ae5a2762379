// A fresh world: one subscription with nothing in it yet, the clock at the course epoch, and the
// two machines outside Azure every scenario has (the learner's workstation and "some host on
// the internet"). Everything derives from the seed, so the same seed gives the same ids.
import { DEFAULT_EPOCH_MS } from '../core/clock.ts';
import { fnv1a, guidOf } from '../core/hash.ts';
import type { ClientMachine, WorldState } from './world.ts';

export interface CreateWorldOptions {
  /** Region used when a command gives none; `eastus` unless set. */
  defaultLocation?: string;
  clockMs?: number;
  subscriptionName?: string;
  user?: string;
}

export const WORKSTATION_MACHINE_ID = 'workstation';
export const INTERNET_MACHINE_ID = 'internet';

// Consumer ISP blocks (a French, a British, a German, a US cable and a Dutch provider); none is
// private, shared (100.64/10), documentation or Microsoft space, so the workstation never looks
// like part of Azure or of a test range.
const HOME_ISP_BLOCKS = ['81.220', '86.145', '91.64', '73.162', '84.26'];
// Hosting provider blocks for "a server somewhere on the internet".
const INTERNET_HOST_BLOCKS = ['45.33', '139.59', '164.90', '172.104'];

function publicAddress(blocks: readonly string[], seed: string): string {
  const h = fnv1a(seed);
  const block = blocks[h % blocks.length]!;
  return `${block}.${(h >>> 8) & 255}.${1 + ((h >>> 16) % 254)}`;
}

function machines(seed: string): Record<string, ClientMachine> {
  const workstation: ClientMachine = {
    id: WORKSTATION_MACHINE_ID,
    kind: 'workstation',
    hostname: 'workstation',
    publicIp: publicAddress(HOME_ISP_BLOCKS, `${seed}/machine/workstation`),
    dnsServers: [],
  };
  const internet: ClientMachine = {
    id: INTERNET_MACHINE_ID,
    kind: 'internet',
    hostname: 'internet-client',
    publicIp: publicAddress(INTERNET_HOST_BLOCKS, `${seed}/machine/internet`),
    dnsServers: [],
  };
  return { [workstation.id]: workstation, [internet.id]: internet };
}

export function createWorldState(seed: string, options: CreateWorldOptions = {}): WorldState {
  return {
    version: 1,
    seed,
    clockMs: options.clockMs ?? DEFAULT_EPOCH_MS,
    subscription: {
      id: guidOf(`${seed}/subscription`),
      name: options.subscriptionName ?? 'Azure Lab Subscription',
      tenantId: guidOf(`${seed}/tenant`),
      user: options.user ?? 'learner@contoso.com',
    },
    defaultLocation: options.defaultLocation ?? 'eastus',
    resourceGroups: {},
    resources: {},
    clusters: {},
    controlPlanes: {},
    machines: machines(seed),
    counters: {},
    conditions: {},
  };
}
