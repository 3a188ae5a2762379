// Command-line flags of the headless sandbox.
import { scenarioIds } from '../scenarios/registry.ts';

export interface HeadlessArgs {
  scenario?: string;
  json: boolean;
  help: boolean;
}

export function usage(): string {
  return [
    'Usage: npm run sandbox -- [--scenario ID] [--json]',
    '',
    'Reads command lines from standard input and runs them in the AKS Networking Lab sandbox.',
    '',
    '  --scenario ID   start from this scenario (default: the course default)',
    '  --json          print one JSON object per command: {"command","stdout","stderr","exitCode"}',
    '  -h, --help      show this help',
    '',
    `Scenarios: ${scenarioIds().join(', ')}`,
    '',
  ].join('\n');
}

export function parseArgs(argv: string[]): HeadlessArgs | { error: string } {
  const out: HeadlessArgs = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') out.json = true;
    else if (arg === '-h' || arg === '--help') out.help = true;
    else if (arg === '--scenario' || arg === '-s') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) return { error: `${arg} needs a scenario id` };
      out.scenario = value;
    } else if (arg.startsWith('--scenario=')) out.scenario = arg.slice('--scenario='.length);
    else return { error: `unknown argument: ${arg}` };
  }
  return out;
}
