// Output-ready printers for the DNS tools, pure functions of a resolution result: nslookup and
// dig as BIND 9.18 prints them (each in its own file), and the record layout they share.
export { formatNslookup, type NslookupInput, type ToolOutput } from './format-nslookup.ts';
export { formatDig, DIG_VERSION, type DigInput } from './format-dig.ts';
export { questionLine, recordLine, transportErrors, whenText } from './format-common.ts';
