/// <reference path="./jmespath.d.ts" />
// --query: JMESPath over the result (azure-cli compiles it while parsing arguments, so a bad
// expression is an argument error; a failure while searching is a command error).
import jmespath from 'jmespath';
import { sortedDeep } from './json.ts';

export function compileQuery(expression: string): { ok: true } | { ok: false; message: string } {
  try {
    jmespath.compile(expression);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Python dicts from the SDK print their keys sorted wherever knack sorts them, while objects
 * a query builds keep the query's order (jmespath Options(dict_cls=OrderedDict)); sorting the
 * input first gives both behaviours in one ordered JavaScript object tree.
 */
export function applyQuery(result: unknown, expression: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const value = jmespath.search(sortedDeep(result), expression);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
