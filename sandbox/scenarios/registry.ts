// Every scenario the sandbox knows, by id.
import { SandboxError } from '../core/errors.ts';
import { apiserverVnetIntegration } from './apiserver-vnet-integration.ts';
import { authorizedIp } from './authorized-ip.ts';
import { azureCniBasic } from './azure-cni-basic.ts';
import { caseBumpyDns } from './case-bumpy-dns.ts';
import { caseLbPending } from './case-lb-pending.ts';
import { caseNodesNotReady } from './case-nodes-notready.ts';
import { caseOutboundIpChanged } from './case-outbound-ip-changed.ts';
import { caseSnatExhaustion } from './case-snat-exhaustion.ts';
import { caseStaleRoute } from './case-stale-route.ts';
import { caseUdrDnsBlackhole } from './case-udr-dns-blackhole.ts';
import { cniOverlay } from './cni-overlay.ts';
import { kubenetBasic } from './kubenet-basic.ts';
import { lbService } from './lb-service.ts';
import { privateClusterByoDns } from './private-cluster-byo-dns.ts';
import { privateClusterPublicFqdn } from './private-cluster-public-fqdn.ts';
import { privateClusterSystem } from './private-cluster-system.ts';
import type { ScenarioDefinition } from './types.ts';

export const DEFAULT_SCENARIO = kubenetBasic.id;

const scenarios: ReadonlyMap<string, ScenarioDefinition> = new Map(
  [
    kubenetBasic,
    azureCniBasic,
    cniOverlay,
    lbService,
    authorizedIp,
    privateClusterSystem,
    privateClusterByoDns,
    privateClusterPublicFqdn,
    apiserverVnetIntegration,
    caseNodesNotReady,
    caseBumpyDns,
    caseOutboundIpChanged,
    caseUdrDnsBlackhole,
    caseSnatExhaustion,
    caseStaleRoute,
    caseLbPending,
  ].map((s) => [s.id, s]),
);

export function scenarioIds(): string[] {
  return [...scenarios.keys()].sort();
}

export function getScenario(id: string = DEFAULT_SCENARIO): ScenarioDefinition {
  const scenario = scenarios.get(id);
  if (!scenario) {
    throw new SandboxError(
      'UnknownScenario',
      `unknown scenario "${id}" (known: ${scenarioIds().join(', ')})`,
    );
  }
  return scenario;
}
