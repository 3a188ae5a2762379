// Manifests as `kubectl apply -f` reads them: a YAML (or JSON) stream of documents separated
// by `---`; empty documents are skipped and a `kind: List` contributes its items.
import { parseAllDocuments } from 'yaml';

export type ParsedManifests = { ok: true; objects: unknown[] } | { ok: false; message: string };

export function parseManifests(text: string): ParsedManifests {
  const objects: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      const line = error.linePos?.[0]?.line;
      // kubectl: `error converting YAML to JSON: yaml: line N: <what>` [wording of the go-yaml
      // errors is not reproduced; the yaml package's own message follows the line].
      return { ok: false, message: `error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${error.message.split('\n')[0]}` };
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const list = value as { kind?: unknown; items?: unknown };
    if (typeof value === 'object' && !Array.isArray(value) && typeof list.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items)) {
      objects.push(...list.items);
    } else {
      objects.push(value);
    }
  }
  return { ok: true, objects };
}
