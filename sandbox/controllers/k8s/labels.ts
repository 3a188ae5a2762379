// Label selectors as Kubernetes evaluates them (apimachinery `labels.Selector`): matchLabels and
// matchExpressions are ANDed; an empty LabelSelector matches everything.
import type { LabelSelector } from '../../model/k8s/types.ts';

type Labels = Record<string, string> | undefined | null;

function isLabelSelector(selector: object): selector is LabelSelector {
  return 'matchLabels' in selector || 'matchExpressions' in selector;
}

/**
 * True when `labels` satisfy `selector`. Accepts a LabelSelector (Deployments, ReplicaSets,
 * NetworkPolicies) or a plain map (Service selectors, nodeSelector). A missing selector matches
 * nothing; an empty one matches everything (callers that treat `{}` as "no selector", like the
 * Service controllers, check for that first).
 */
export function selectorMatches(selector: LabelSelector | Record<string, string> | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  if (!isLabelSelector(selector)) return mapMatches(selector as Record<string, string>, have);
  if (selector.matchLabels && !mapMatches(selector.matchLabels, have)) return false;
  for (const expr of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, expr.key);
    const value = have[expr.key];
    switch (expr.operator) {
      case 'In':
        if (!present || !(expr.values ?? []).includes(value!)) return false;
        break;
      case 'NotIn':
        if (present && (expr.values ?? []).includes(value!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function mapMatches(want: Record<string, string>, have: Record<string, string>): boolean {
  for (const key of Object.keys(want)) if (have[key] !== want[key]) return false;
  return true;
}

/** True for a Service-style selector that selects something (`{}` and absent select nothing). */
export function hasSelector(selector: Record<string, string> | undefined | null): selector is Record<string, string> {
  return !!selector && Object.keys(selector).length > 0;
}
