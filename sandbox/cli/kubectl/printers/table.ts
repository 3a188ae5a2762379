// kubectl's human-readable printer for one kind (cli-runtime tableprinter.go decorateTable and
// printTable): upper-cased headers, wide columns only with -o wide, NAMESPACE first with -A,
// `kind/name` when several kinds print together, -L label columns (header = the key's last path
// segment upper-cased) and LABELS with --show-labels; cells aligned by the tab writer.
import type { K8sObject } from '../../../model/k8s/types.ts';
import { tableFor } from './columns.ts';
import { formatLabels } from './labels.ts';
import { GET_TABS, tabAlign } from './tabwriter.ts';

export interface TableOptions {
  now: number;
  wide?: boolean;
  noHeaders?: boolean;
  withNamespace?: boolean;
  /** `deployment.apps`: prefixes the name column (printWithKind). */
  kindPrefix?: string;
  showLabels?: boolean;
  labelColumns?: string[];
}

/** Printable cells (without alignment) of the objects of one kind; header first unless noHeaders. */
export function tableRows(kind: string, objects: readonly K8sObject[], options: TableOptions): string[][] {
  const table = tableFor(kind);
  const wide = options.wide ?? false;
  const visible = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || c.priority === 0);
  const labelColumns = options.labelColumns ?? [];
  const rows: string[][] = [];
  if (objects.length === 0) return rows;
  if (!options.noHeaders) {
    const header = visible.map(({ c }) => c.name.toUpperCase());
    header.push(...labelColumns.map((l) => (l.split('/').pop() ?? l).toUpperCase()));
    if (options.showLabels) header.push('LABELS');
    if (options.withNamespace) header.unshift('NAMESPACE');
    rows.push(header);
  }
  for (const obj of objects) {
    const cells = table.row(obj, { now: options.now, wide });
    const row = visible.map(({ c, i }) => {
      const cell = cells[i] ?? '';
      return c.isName && options.kindPrefix ? `${options.kindPrefix}/${cell}` : cell;
    });
    for (const key of labelColumns) row.push(obj.metadata.labels?.[key] ?? '');
    if (options.showLabels) row.push(formatLabels(obj.metadata.labels));
    if (options.withNamespace) row.unshift(obj.metadata.namespace ?? '');
    rows.push(row.map(sanitizeCell));
  }
  return rows;
}

/** Cells stop at a line break (shown as `...`), as printTable's appendCellValue does. */
function sanitizeCell(cell: string): string {
  const i = cell.search(/[\f\n\r]/);
  return i >= 0 ? `${cell.slice(0, i)}...` : cell.replace(/\t/g, ' ');
}

/** Rows aligned as kubectl's tab writer prints them. */
export function alignRows(rows: string[][]): string {
  if (rows.length === 0) return '';
  return tabAlign(`${rows.map((r) => r.join('\t')).join('\n')}\n`, GET_TABS);
}

export function renderTable(kind: string, objects: readonly K8sObject[], options: TableOptions): string {
  return alignRows(tableRows(kind, objects, options));
}
