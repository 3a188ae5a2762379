// What a kubectl run writes, in order, and its exit status: commands print as they go (a table,
// then the NotFound error of a later name) and end with kubectl's exit code (1 for any error,
// cmdutil.DefaultErrorExitCode).
import type { CommandResult } from '../../../shell/types.ts';
import { isK8sApiError, type K8sApiError } from '../../../apiserver/index.ts';

export class Output {
  stdout = '';
  stderr = '';
  exitCode = 0;

  out(text: string): this {
    this.stdout += text;
    return this;
  }

  err(text: string): this {
    this.stderr += text;
    return this;
  }

  /** An error line as cmdutil.CheckErr prints it (a newline is added when missing); exit 1. */
  fail(message: string, code = 1): this {
    if (message) this.stderr += message.endsWith('\n') ? message : `${message}\n`;
    this.exitCode = code;
    return this;
  }

  result(): CommandResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode };
  }
}

export function ok(stdout: string, stderr = ''): CommandResult {
  return { stdout, stderr, exitCode: 0 };
}

/** cli-runtime's missingResourceError, as CheckErr prints it. */
export const MISSING_RESOURCE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export function failure(message: string, stdout = '', code = 1): CommandResult {
  return { stdout, stderr: message.endsWith('\n') || message === '' ? message : `${message}\n`, exitCode: code };
}

/** `error: <message>`: kubectl's form for client-side errors (CheckErr's default branch). */
export function errorLine(message: string): string {
  return message.startsWith('error: ') ? message : `error: ${message}`;
}

/** A usage error: `<message>\nSee 'kubectl get -h' for help and examples` (cmdutil.UsageErrorf). */
export function usageError(path: string, message: string): CommandResult {
  return failure(`error: ${message}\nSee '${path} -h' for help and examples`);
}

/**
 * An API server refusal as kubectl prints it (cmdutil.StandardErrorMessage): `Error from server
 * (NotFound): pods "x" not found`; Invalid answers carry their own full text.
 */
export function apiErrorText(error: K8sApiError): string {
  switch (error.reason) {
    case 'Invalid':
      return error.message;
    case 'NoKindMatch':
      return `error: ${error.message}`;
    default:
      return `Error from server (${error.reason}): ${error.message}`;
  }
}

export { isK8sApiError };
