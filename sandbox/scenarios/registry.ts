// Every scenario the sandbox knows, by id.
import { SandboxError } from '../core/errors.ts';
import { kubenetBasic } from './kubenet-basic.ts';
import type { ScenarioDefinition } from './types.ts';

export const DEFAULT_SCENARIO = kubenetBasic.id;

const scenarios: ReadonlyMap<string, ScenarioDefinition> = new Map(
  [kubenetBasic].map((s) => [s.id, s]),
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
