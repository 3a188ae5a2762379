// The jmespath package ships no types; the two functions az's --query needs.
declare module 'jmespath' {
  export function compile(expression: string): unknown;
  export function search(data: unknown, expression: string): unknown;
  const jmespath: { compile: typeof compile; search: typeof search };
  export default jmespath;
}
