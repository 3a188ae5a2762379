// Reads the meta string of a Markdown code fence (```sh run expect="..."```).
// Pure so the build plugin and the unit tests share one definition of "runnable".

/** Splits fence meta on whitespace, keeping quoted values (expect="a b") in one token. */
export function fenceMetaTokens(meta: string | undefined | null): string[] {
  if (!meta) return [];
  return meta.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

/** True when the fence meta holds the bare word `run`: the lesson wants a Run button. */
export function isRunnableMeta(meta: string | undefined | null): boolean {
  return fenceMetaTokens(meta).includes('run');
}

/** The accessible label of a Run button: the command, or its first line and a count. */
export function runButtonLabel(code: string): string {
  const lines = code.replace(/\n+$/, '').split('\n');
  const first = lines[0] ?? '';
  const more = lines.length - 1;
  const suffix = more > 0 ? ` (and ${more} more line${more === 1 ? '' : 's'})` : '';
  return `Run in terminal: ${first}${suffix}`;
}
