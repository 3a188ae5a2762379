// Control-flow signals between lexer, parser and shell. Never seen outside the shell.

/** The input stops in the middle of a construct; the shell asks for another line. */
export class IncompleteInput extends Error {
  constructor() {
    super('incomplete input');
    this.name = 'IncompleteInput';
  }
}

/** A syntax error; `message` is the complete line bash would print. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }

  static near(token: string): ShellSyntaxError {
    return new ShellSyntaxError(`bash: syntax error near unexpected token \`${token}'`);
  }
}

export function nestingTooDeep(): ShellSyntaxError {
  return new ShellSyntaxError('bash: syntax error: nesting too deep');
}
