import type { ScenarioDefinition } from './types.ts';

// The default starting point. The cluster itself arrives with the cluster-model work;
// today it gives the learner a workstation shell.
export const kubenetBasic: ScenarioDefinition = {
  id: 'kubenet-basic',
  title: 'A small kubenet cluster',
  description:
    'A three-node AKS cluster using kubenet networking, reachable from your workstation over its public API server endpoint.',
  files: {
    'README.txt':
      'This is your workstation in the AKS Networking Lab.\n' +
      'Type `help` to list the commands you can use here.\n',
  },
};
