// The nginx of the official image with its default configuration: the welcome page at / and
// /index.html, the built-in 404 page elsewhere, nginx's header order, and the version from the
// image tag (a minor-only or `latest` tag means that line's newest patch).
import { byteLength, httpDate, response, type Header, type HttpRequest, type Server, type ServeContext, type ServerReply } from './types.ts';

// Newest patch of each line, and when that release's html/index.html was built into the image
// (Last-Modified / ETag come from the file's mtime). [dates approximate the image build dates]
const RELEASES: Record<string, { version: string; builtMs: number }> = {
  '1.25': { version: '1.25.5', builtMs: Date.UTC(2024, 3, 16, 15, 14, 4) },
  '1.26': { version: '1.26.3', builtMs: Date.UTC(2025, 1, 5, 11, 24, 19) },
  '1.27': { version: '1.27.5', builtMs: Date.UTC(2025, 3, 16, 12, 1, 11) },
  '1.28': { version: '1.28.0', builtMs: Date.UTC(2025, 3, 23, 11, 48, 47) },
  '1.29': { version: '1.29.1', builtMs: Date.UTC(2025, 7, 13, 16, 10, 1) },
};
const DEFAULT_LINE = '1.27';

export function nginxRelease(image: string): { version: string; builtMs: number } {
  const tag = /:([^/@]+)$/.exec(image.split('@')[0]!)?.[1] ?? 'latest';
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return RELEASES[DEFAULT_LINE]!;
  const line = RELEASES[`${m[1]}.${m[2]}`];
  if (!line) return { version: m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}.0`, builtMs: RELEASES[DEFAULT_LINE]!.builtMs };
  return m[3] !== undefined ? { version: `${m[1]}.${m[2]}.${m[3]}`, builtMs: line.builtMs } : line;
}

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's built-in error page (ngx_http_special_response.c). */
export function nginxErrorPage(status: number, reason: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function etag(builtMs: number, size: number): string {
  return `"${Math.floor(builtMs / 1000).toString(16)}-${size.toString(16)}"`;
}

/** An nginx answer with its header order: Server, Date, Content-Type, Content-Length, ... */
export function nginxReply(version: string, ctx: ServeContext, status: number, reason: string, type: string, body: string, extra: Header[] = [], head = false): ServerReply {
  const headers: Header[] = [
    ['Server', `nginx/${version}`],
    ['Date', httpDate(ctx.world.now())],
    ['Content-Type', type],
    ['Content-Length', String(byteLength(body))],
    ...extra,
  ];
  return response(status, headers, head ? '' : body, reason);
}

export function nginxServer(image: string): Server {
  const { version, builtMs } = nginxRelease(image);
  return {
    name: `nginx/${version}`,
    serve(req: HttpRequest, ctx: ServeContext): ServerReply {
      const head = req.method === 'HEAD';
      if (!['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].includes(req.method)) {
        return nginxReply(version, ctx, 405, 'Not Allowed', 'text/html', nginxErrorPage(405, 'Not Allowed', version), [['Connection', 'keep-alive']], head);
      }
      const path = req.target.split('?')[0]!;
      if (path === '/' || path === '/index.html') {
        if (req.method !== 'GET' && !head) {
          return nginxReply(version, ctx, 405, 'Not Allowed', 'text/html', nginxErrorPage(405, 'Not Allowed', version), [['Connection', 'keep-alive']], head);
        }
        const size = byteLength(NGINX_WELCOME);
        return nginxReply(version, ctx, 200, 'OK', 'text/html', NGINX_WELCOME, [
          ['Last-Modified', httpDate(builtMs)],
          ['Connection', 'keep-alive'],
          ['ETag', etag(builtMs, size)],
          ['Accept-Ranges', 'bytes'],
        ], head);
      }
      return nginxReply(version, ctx, 404, 'Not Found', 'text/html', nginxErrorPage(404, 'Not Found', version), [['Connection', 'keep-alive']], head);
    },
  };
}
