// Builds a scenario's world from its steps: a fresh world from the seed, then each step through
// the same functions the CLIs call, settling every controller after each one as a real cloud
// would between two commands. Same definition, same world, byte for byte.
import { allControllers } from '../controllers/all.ts';
import { settle } from '../controllers/settle.ts';
import type { Controller } from '../controllers/types.ts';
import { createWorldState } from '../model/new-world.ts';
import { World } from '../model/world.ts';
import { scenarioError } from './refs.ts';
import { advanceStep, aksStep, conditionsStep, credentialsStep, manifestStep, operationStep } from './steps-cluster.ts';
import { dnsLinkStep, dnsRecordStep, machineStep, privateDnsZoneStep, tagsStep } from './steps-dns.ts';
import { firewallStep, natGatewayStep, publicIpStep } from './steps-egress.ts';
import {
  groupStep,
  nsgRuleStep,
  nsgStep,
  peeringStep,
  routeStep,
  routeTableStep,
  subnetNsgStep,
  subnetRouteTableStep,
  subnetStep,
  vnetStep,
} from './steps-network.ts';
import type { ScenarioDefinition, ScenarioStep } from './types.ts';

export interface BuiltScenario {
  world: World;
  /** Workstation home files, `.kube/config` included once a credentials step ran. */
  files: Record<string, string>;
}

/** The controllers that run between steps: the whole simulated cloud plus the API server's own finishers. */
export function scenarioControllers(): Controller[] {
  return allControllers();
}

/**
 * The learner arrives a while after the scenario was set up, as they would at a real cluster:
 * ages read like minutes rather than seconds, and anything that only shows after a grace period
 * (a node going NotReady) has already happened.
 */
export const ARRIVAL_SECONDS = 15 * 60;

function applyStep(world: World, step: ScenarioStep, files: Record<string, string>): void {
  switch (step.kind) {
    case 'group':
      return groupStep(world, step);
    case 'vnet':
      return vnetStep(world, step);
    case 'subnet':
      return subnetStep(world, step);
    case 'peering':
      return peeringStep(world, step);
    case 'nsg':
      return nsgStep(world, step);
    case 'nsgRule':
      return nsgRuleStep(world, step);
    case 'subnetNsg':
      return subnetNsgStep(world, step);
    case 'routeTable':
      return routeTableStep(world, step);
    case 'route':
      return routeStep(world, step);
    case 'subnetRouteTable':
      return subnetRouteTableStep(world, step);
    case 'publicIp':
      return publicIpStep(world, step);
    case 'firewall':
      return firewallStep(world, step);
    case 'natGateway':
      return natGatewayStep(world, step);
    case 'privateDnsZone':
      return privateDnsZoneStep(world, step);
    case 'dnsLink':
      return dnsLinkStep(world, step);
    case 'dnsRecord':
      return dnsRecordStep(world, step);
    case 'machine':
      return machineStep(world, step);
    case 'tags':
      return tagsStep(world, step);
    case 'aks':
      return aksStep(world, step);
    case 'credentials':
      return credentialsStep(world, step, files);
    case 'manifest':
      return manifestStep(world, step);
    case 'operation':
      return operationStep(world, step);
    case 'conditions':
      return conditionsStep(world, step);
    case 'advance':
      return advanceStep(world, step);
  }
}

export interface BuildOptions {
  /** Let ARRIVAL_SECONDS pass after the last step (default true; tests of a step's immediate effect turn it off). */
  arrive?: boolean;
}

export function buildScenario(definition: ScenarioDefinition, options: BuildOptions = {}): BuiltScenario {
  const world = new World(createWorldState(definition.seed));
  const files: Record<string, string> = { ...definition.files };
  const controllers = scenarioControllers();
  definition.steps.forEach((step, i) => {
    applyStep(world, step, files);
    const result = settle(world, controllers);
    if (!result.settled) throw scenarioError(`scenario ${definition.id}: the world did not settle after step ${i + 1} (${step.kind})`);
  });
  if (options.arrive !== false) {
    world.advance(ARRIVAL_SECONDS * 1000);
    world.touch();
    settle(world, controllers);
  }
  world.dirty = false;
  return { world, files };
}
