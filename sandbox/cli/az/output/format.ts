// The output pipeline after a command returns: --query, then the formatter `-o` picked.
import { sortedDeep } from './json.ts';
import { applyQuery } from './query.ts';
import { formatJson } from './json.ts';
import { formatTable } from './table.ts';
import { formatTsv } from './tsv.ts';
import { formatYaml } from './yaml.ts';

export interface OutputOptions {
  output: string;
  query?: string;
  /** The command's table transformer (used only without --query). */
  table?: (result: unknown) => unknown;
}

export type Formatted = { ok: true; text: string } | { ok: false; message: string };

const TABLE_UNAVAILABLE = 'Table output unavailable. Use the --query option to specify an appropriate query. Use --debug for more info.';

export function formatResult(result: unknown, options: OutputOptions): Formatted {
  let value = result;
  const queryActive = options.query !== undefined;
  if (queryActive) {
    const queried = applyQuery(result, options.query!);
    if (!queried.ok) return { ok: false, message: queried.message };
    value = queried.value;
  } else {
    value = sortedDeep(result);
  }
  // knack prints nothing for a None result (a query that matched nothing, a delete).
  if (value === null || value === undefined) return { ok: true, text: '' };
  switch (options.output) {
    case 'json':
    case 'jsonc':
      return { ok: true, text: formatJson(value) };
    case 'yaml':
    case 'yamlc':
      return { ok: true, text: formatYaml(value) };
    case 'tsv':
      return { ok: true, text: formatTsv(value) };
    case 'none':
      return { ok: true, text: '' };
    case 'table': {
      try {
        const transformed = options.table && !queryActive ? options.table(value) : value;
        return { ok: true, text: formatTable(transformed, !queryActive && !options.table) };
      } catch {
        return { ok: false, message: TABLE_UNAVAILABLE };
      }
    }
    default:
      return { ok: true, text: formatJson(value) };
  }
}
