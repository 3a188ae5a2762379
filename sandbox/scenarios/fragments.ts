// Pieces several scenarios share: the lab's resource group, the README on the workstation, and
// the small nginx application most lessons look at.
import type { ScenarioStep } from './types.ts';

export const LAB_GROUP = 'rg-lab';
export const LAB_LOCATION = 'eastus';

export const labGroup: ScenarioStep = { kind: 'group', name: LAB_GROUP, location: LAB_LOCATION };

export const README_FILE = {
  'README.txt': 'This is your workstation in the AKS Networking Lab.\nType `help` to list the commands you can use here.\n',
};

/** A Deployment `web` of nginx replicas labelled app=web, with a container port named http. */
export function webDeployment(replicas: number, extra: { nodeSelector?: Record<string, string> } = {}): string {
  const selector = extra.nodeSelector
    ? `      nodeSelector:\n${Object.entries(extra.nodeSelector).map(([k, v]) => `        ${k}: ${v}\n`).join('')}`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${selector}      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
`;
}

/** A Service `name` in front of the app=web pods. */
export function webService(name: string, type: 'ClusterIP' | 'LoadBalancer' = 'ClusterIP', extra: string = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${type}
${extra}  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;
}

/** The web Deployment and its ClusterIP Service `web`. */
export function webApp(replicas = 3): string {
  return `${webDeployment(replicas)}---\n${webService('web')}`;
}
