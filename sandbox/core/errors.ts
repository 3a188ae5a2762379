// User-facing failures are values with the message a person should read, never bare strings.

/** Raised by the sandbox API for caller mistakes (unknown scenario, unusable snapshot). */
export class SandboxError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
  }
}
