// The arguments every az command has (knack's global group plus azure-cli's --subscription),
// and the output formats `-o` accepts.
import type { ArgSpec } from './spec.ts';

export const OUTPUT_FORMATS = ['json', 'jsonc', 'yaml', 'yamlc', 'table', 'tsv', 'none'];

const GLOBAL = 'Global';

export const GLOBAL_ARGS: ArgSpec[] = [
  { dest: '_help', options: ['--help', '-h'], kind: 'flag', help: 'Show this help message and exit.', group: GLOBAL },
  { dest: '_log_verbosity_verbose', options: ['--verbose'], kind: 'flag', help: 'Increase logging verbosity. Use --debug for full debug logs.', group: GLOBAL },
  { dest: '_log_verbosity_debug', options: ['--debug'], kind: 'flag', help: 'Increase logging verbosity to show all debug logs.', group: GLOBAL },
  { dest: '_log_verbosity_only_show_errors', options: ['--only-show-errors'], kind: 'flag', help: 'Only show errors, suppressing warnings.', group: GLOBAL },
  { dest: '_output_format', options: ['--output', '-o'], help: 'Output format.', choices: OUTPUT_FORMATS, default: 'json', group: GLOBAL },
  { dest: '_jmespath_query', options: ['--query'], help: 'JMESPath query string. See http://jmespath.org/ for more information and examples.', group: GLOBAL },
];

export const SUBSCRIPTION_ARG: ArgSpec = {
  dest: '_subscription',
  options: ['--subscription'],
  help: 'Name or ID of subscription. You can configure the default subscription using `az account set -s NAME_OR_ID`.',
  group: GLOBAL,
};

export const IDS_ARG: ArgSpec = {
  dest: 'ids',
  options: ['--ids'],
  kind: 'list',
  help: "One or more resource IDs (space-delimited). It should be a complete resource ID containing all information of 'Resource Id' arguments. You should provide either --ids or other 'Resource Id' arguments.",
  group: 'Resource Id',
};

/** azure-cli's QUERY_REFERENCE, printed after a bad --query. */
export const QUERY_REFERENCE = "To learn more about --query, please visit: 'https://docs.microsoft.com/cli/azure/query-azure-cli'";
