// knack's console logging: on a terminal, errors light red and warnings yellow without a level
// name; otherwise `ERROR: ` / `WARNING: ` prefixes. And azure-cli's error shapes: an ARM error
// as `(Code) message` + `Code:` / `Message:` lines, a CLI error as its bare message, a parse
// error followed by its recommendations and the examples block.
import type { AzureError } from '../../model/azure/errors.ts';

const LIGHT_RED = '\x1b[91m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

export function errorLine(message: string, color: boolean): string {
  return color ? `${LIGHT_RED}${message}${RESET}\n` : `ERROR: ${message}\n`;
}

export function warningLine(message: string, color: boolean): string {
  return color ? `${YELLOW}${message}${RESET}\n` : `WARNING: ${message}\n`;
}

/** The message azure-cli logs for a service or validation error. */
export function azureErrorMessage(error: AzureError): string {
  if (error.source === 'cli') return error.message;
  let text = `(${error.code}) ${error.message}\nCode: ${error.code}\nMessage: ${error.message}`;
  if (error.target) text += `\nTarget: ${error.target}`;
  return text;
}

export interface Recommendation {
  command: string;
  description: string;
}

const OVERVIEW_REFERENCE = 'https://aka.ms/cli_ref';

/**
 * AzCLIError.print_error for a parser error: the message, the manual recommendations, then the
 * help examples CommandRecommender picked (each description followed by a blank line) and the
 * reference link.
 */
export function usageErrorText(message: string, recommendations: string[], examples: Recommendation[] | null, color: boolean): string {
  let text = errorLine(message, color);
  for (const line of recommendations) text += `${line}\n`;
  if (examples) {
    text += '\nExamples from AI knowledge base:\n';
    for (const e of examples) text += `${e.command}\n${e.description}\n\n`;
    text += `${OVERVIEW_REFERENCE}\nRead more about the command in reference docs\n`;
  }
  return text;
}
