// Answers in the shape Go's net/http writes them (most cloud-native servers are Go programs):
// handler headers sorted by name, then Date, Content-Length and a sniffed Content-Type.
import { byteLength, httpDate, response, type Header, type ServeContext, type ServerReply } from './types.ts';

export function goReply(ctx: ServeContext, status: number, body: string, handlerHeaders: Header[] = [], sniffedType = 'text/plain; charset=utf-8', head = false): ServerReply {
  const sorted = [...handlerHeaders].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const hasType = sorted.some(([n]) => n.toLowerCase() === 'content-type');
  const headers: Header[] = [...sorted, ['Date', httpDate(ctx.world.now())], ['Content-Length', String(byteLength(body))]];
  if (!hasType && body.length > 0) headers.push(['Content-Type', sniffedType]);
  return response(status, headers, head ? '' : body);
}

/** http.Error / NotFound: "404 page not found". */
export function goNotFound(ctx: ServeContext, head = false): ServerReply {
  return goReply(ctx, 404, '404 page not found\n', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], undefined, head);
}

/** Go's time.Time.String() for the server's clock: `2024-11-26 09:00:00.123456789 +0000 UTC m=+8.123456789`. */
export function goTimeString(ms: number, uptimeMs: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const nanos = String((ms % 1000) * 1_000_000 + 123_456).padStart(9, '0');
  const mono = (uptimeMs / 1000).toFixed(9);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${nanos} +0000 UTC m=+${mono}`;
}
