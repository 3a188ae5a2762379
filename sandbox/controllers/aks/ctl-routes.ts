// kubenet's route controller: Kubernetes' cloud route controller driving cloud-provider-azure's
// Routes implementation, one route per node in the cluster's route table
// (name = node name, prefix = podCIDR, next hop VirtualAppliance → the node's address).
//
// What it compares, and so what it repairs (kubernetes/cloud-provider controllers/route and
// cloud-provider-azure pkg/provider/azure_routes.go):
// - CPA lists routes as (target node = route name, destination = address prefix) and sets
//   EnableNodeAddresses=false, so the controller never looks at the next hop. A route whose
//   next hop was edited to a wrong address but still has the node's name and podCIDR is "kept"
//   forever: the stale-route case (pods on that node unreachable, node still Ready, condition
//   NetworkUnavailable=False).
// - A node with no route for its podCIDR gets one (a deleted route comes back); creating it
//   replaces any route of the same name, so a route whose prefix was edited is rewritten with
//   the node's current address.
// - A route whose prefix lies inside the cluster CIDR but matches no (node, podCIDR) pair is
//   deleted (nodes that left, edited prefixes). Routes outside the cluster CIDR — the learner's
//   0.0.0.0/0 to a firewall — are never touched.
// - If the table itself is gone CPA creates it again (unassociated) and adds the routes there.
// - A table holds at most 400 routes; beyond that creation fails, the node gets
//   NetworkUnavailable=True (NoRouteCreated) and a FailedToCreateRoute event.
import { cidrContains, cidrSize, isCidr, parseCidr, type Cidr } from '../../core/ip.ts';
import { routeTableLimitReached } from '../../model/azure/errors.ts';
import { newRoute, newRouteTable } from '../../model/azure/factories.ts';
import type { Route, RouteTable } from '../../model/azure/types.ts';
import type { Node, NodeCondition } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext, type ClusterContext } from './context.ts';
import { managedClusters } from './operations.ts';
import { recordEvent } from '../k8s/events.ts';

export const ROUTES_PER_TABLE_LIMIT = 400;

function responsibleFor(clusterCidr: Cidr, prefix: string): boolean {
  if (!isCidr(prefix)) return false;
  const route = parseCidr(prefix);
  const last = (route.base + cidrSize(route) - 1) >>> 0;
  return cidrContains(clusterCidr, route.base) || cidrContains(clusterCidr, last);
}

function internalIp(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

interface NodeOutcome {
  node: Node;
  created: boolean;
  error?: string;
}

function setNetworkCondition(world: World, ctx: ClusterContext, outcome: NodeOutcome): void {
  const { node } = outcome;
  const current = node.status.conditions.find((c) => c.type === 'NetworkUnavailable');
  const unavailable = !outcome.created;
  const status = unavailable ? 'True' : 'False';
  if (current?.status === status) return;
  const now = world.timestamp();
  const condition: NodeCondition = unavailable
    ? { type: 'NetworkUnavailable', status, reason: 'NoRouteCreated', message: 'RouteController failed to create a route', lastHeartbeatTime: now, lastTransitionTime: now }
    : { type: 'NetworkUnavailable', status, reason: 'RouteCreated', message: 'RouteController created a route', lastHeartbeatTime: now, lastTransitionTime: now };
  const conditions = [condition, ...node.status.conditions.filter((c) => c.type !== 'NetworkUnavailable')];
  const updated = world.k8sPut(ctx.key, { ...node, status: { ...node.status, conditions } });
  if (outcome.error) {
    // The real controller logs this every sync; the sandbox records it once per transition.
    recordEvent(
      world,
      ctx.key,
      updated,
      'Warning',
      'FailedToCreateRoute',
      `Could not create route ${node.metadata.uid} ${node.spec.podCIDR} for node ${node.metadata.name} after 0s: ${outcome.error}`,
      'route_controller',
    );
  }
}

function reconcileCluster(world: World, ctx: ClusterContext): void {
  if (ctx.mode !== 'kubenet' || !ctx.routeTableId || !ctx.config.clusterCidr || !isCidr(ctx.config.clusterCidr)) return;
  const clusterCidr = parseCidr(ctx.config.clusterCidr);
  const nodes = world.k8sList<Node>(ctx.key, 'Node').filter((n) => n.spec.podCIDR);
  const podCidrOf = new Map(nodes.map((n) => [n.metadata.name, n.spec.podCIDR!]));

  const table =
    world.resource<RouteTable>(ctx.routeTableId) ??
    newRouteTable({
      subscriptionId: ctx.subscriptionId,
      resourceGroup: ctx.config.routeTableResourceGroup,
      name: ctx.config.routeTableName,
      location: ctx.location,
    });

  // Delete pass: routes the controller is responsible for that match no node's podCIDR.
  let routes: Route[] = table.routes.filter((route) => {
    if (!responsibleFor(clusterCidr, route.addressPrefix)) return true;
    return podCidrOf.get(route.name) === route.addressPrefix;
  });

  // Add pass: nodes without a (name, podCIDR) route. Creating replaces a route of the same name
  // (CPA matches names case-insensitively) and appends it at the end of the table.
  const byName = new Map<string, Route>();
  for (const route of routes) byName.set(route.name.toLowerCase(), route);
  const outcomes: NodeOutcome[] = [];
  for (const node of nodes) {
    const cidr = node.spec.podCIDR!;
    const key = node.metadata.name.toLowerCase();
    const current = byName.get(key);
    if (current && current.name === node.metadata.name && current.addressPrefix === cidr) {
      outcomes.push({ node, created: true });
      continue;
    }
    const ip = internalIp(node);
    if (!ip) {
      outcomes.push({ node, created: false });
      continue;
    }
    if (byName.size + (current ? 0 : 1) > ROUTES_PER_TABLE_LIMIT) {
      outcomes.push({ node, created: false, error: routeTableLimitReached(table.id, ROUTES_PER_TABLE_LIMIT).message });
      continue;
    }
    byName.delete(key);
    byName.set(
      key,
      newRoute({
        routeTableId: table.id,
        resourceGroup: ctx.config.routeTableResourceGroup,
        name: node.metadata.name,
        addressPrefix: cidr,
        nextHopType: 'VirtualAppliance',
        nextHopIpAddress: ip,
      }),
    );
    outcomes.push({ node, created: true });
  }
  routes = [...byName.values()];
  world.applyResource({ ...table, routes });
  for (const outcome of outcomes) setNetworkCondition(world, ctx, outcome);
}

export const routeController: Controller = {
  name: 'cloud-route-controller',
  reconcile(world: World): void {
    for (const cluster of managedClusters(world)) reconcileCluster(world, clusterContext(world, cluster));
  },
};
