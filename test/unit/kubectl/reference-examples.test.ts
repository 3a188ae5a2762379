// Every kubectl command line the reference notes (shared/reference/emulator-facts.md) use as an
// example, plus the everyday ones lessons lean on, runs against the default scenario without a
// parse error: no unknown verb, flag or resource type, and the exit code the real tool gives.
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import { getScenario } from '../../../sandbox/scenarios/registry.ts';
import { harness } from '../../support/harness.ts';

const EXAMPLES: [line: string, exit: number][] = [
  ['kubectl -n kube-system rollout restart deployment coredns', 0],
  ['kubectl get all', 0],
  ['kubectl get svc,ep', 0],
  ['kubectl get pods -o wide', 0],
  ['kubectl get nodes -o wide --show-labels', 0],
  ['kubectl get endpointslices -A', 0],
  ["kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.podCIDR}{\"\\n\"}{end}'", 0],
  ['kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.status.addresses[0].address', 0],
  ['kubectl get svc --sort-by=.metadata.name -o name', 0],
  ['kubectl describe svc web', 0],
  ['kubectl describe node', 0],
  ['kubectl expose deployment web --name web-lb --type LoadBalancer --port 80', 0],
  ['kubectl scale deploy web --replicas 5', 0],
  ['kubectl run tmp --image=busybox --restart=Never -- sleep 3600', 0],
  ['kubectl exec tmp -- wget -qO- web', 0],
  ['kubectl logs deploy/web', 0],
  ['kubectl get ev --field-selector involvedObject.name=web-lb', 0],
  ['kubectl delete pod tmp', 0],
  ['kubectl -n kube-system get cm coredns-custom -o yaml', 0],
  ['kubectl config get-contexts', 0],
  ['kubectl config current-context', 0],
  ['kubectl api-resources', 0],
  ['kubectl cluster-info', 0],
  ['kubectl version', 0],
  ['kubectl explain service.spec.externalTrafficPolicy', 0],
  ['kubectl get pods web', 1],
];

describe('kubectl reference examples', () => {
  const built = buildScenario(getScenario('kubenet-basic'));
  const h = harness(built.world, built.files);
  for (const [line, exit] of EXAMPLES) {
    it(line, () => {
      const result = h.run(line);
      expect(result.stderr).not.toMatch(/unknown (command|flag|shorthand flag)|doesn't have a resource type|invalid argument/);
      expect(result.exitCode, result.stderr).toBe(exit);
    });
  }
});
