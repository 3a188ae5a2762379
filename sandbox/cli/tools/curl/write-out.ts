// `-w/--write-out`: curl's variables (%{http_code}, %{time_total}, %{remote_ip}, ...), %header{},
// the \n \r \t escapes, and %{stderr}/%{stdout} to switch streams.
import type { Timing } from './transfer.ts';

export interface WriteOutInfo {
  httpCode: number;
  timing: Timing;
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
  sizeDownload: number;
  sizeHeader: number;
  sizeRequest: number;
  urlEffective: string;
  url: string;
  contentType: string;
  numConnects: number;
  numRedirects: number;
  redirectUrl: string;
  scheme: string;
  httpVersion: string;
  exitCode: number;
  errorMessage: string;
  method: string;
  sslVerifyResult: number;
  headers: [string, string][];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(6);
}

function variable(name: string, i: WriteOutInfo): string | undefined {
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(i.httpCode).padStart(3, '0');
    case 'http_connect':
      return '000';
    case 'time_total':
      return seconds(i.timing.total);
    case 'time_namelookup':
      return seconds(i.timing.namelookup);
    case 'time_connect':
      return seconds(i.timing.connect);
    case 'time_appconnect':
      return seconds(i.timing.appconnect);
    case 'time_pretransfer':
      return seconds(i.timing.pretransfer);
    case 'time_starttransfer':
      return seconds(i.timing.starttransfer);
    case 'time_redirect':
      return seconds(0);
    case 'remote_ip':
      return i.remoteIp;
    case 'remote_port':
      return i.remotePort ? String(i.remotePort) : '0';
    case 'local_ip':
      return i.localIp;
    case 'local_port':
      return i.localPort ? String(i.localPort) : '0';
    case 'size_download':
      return String(i.sizeDownload);
    case 'size_header':
      return String(i.sizeHeader);
    case 'size_request':
      return String(i.sizeRequest);
    case 'size_upload':
      return '0';
    case 'speed_download':
      return String(i.timing.total > 0 ? Math.floor((i.sizeDownload * 1000) / i.timing.total) : 0);
    case 'speed_upload':
      return '0';
    case 'url_effective':
      return i.urlEffective;
    case 'url':
      return i.url;
    case 'content_type':
      return i.contentType;
    case 'num_connects':
      return String(i.numConnects);
    case 'num_redirects':
      return String(i.numRedirects);
    case 'redirect_url':
      return i.redirectUrl;
    case 'scheme':
      return i.scheme.toUpperCase();
    case 'http_version':
      return i.httpVersion;
    case 'exitcode':
      return String(i.exitCode);
    case 'errormsg':
      return i.errorMessage;
    case 'method':
      return i.method;
    case 'ssl_verify_result':
      return String(i.sslVerifyResult);
    default:
      return undefined;
  }
}

export interface WriteOutResult {
  stdout: string;
  stderr: string;
}

export function writeOut(format: string, info: WriteOutInfo): WriteOutResult {
  const out: WriteOutResult = { stdout: '', stderr: '' };
  let stream: keyof WriteOutResult = 'stdout';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '%' && format[i + 1] === '%') {
      out[stream] += '%';
      i++;
      continue;
    }
    if (ch === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i + 2);
      if (end === -1) {
        out[stream] += format.slice(i);
        break;
      }
      const name = format.slice(i + 2, end);
      i = end;
      if (name === 'stderr') stream = 'stderr';
      else if (name === 'stdout') stream = 'stdout';
      else {
        const value = variable(name, info);
        if (value === undefined) out.stderr += `curl: unknown --write-out variable: '${name}'\n`;
        else out[stream] += value;
      }
      continue;
    }
    if (ch === '%' && format.startsWith('%header{', i)) {
      const end = format.indexOf('}', i + 8);
      if (end !== -1) {
        const name = format.slice(i + 8, end).toLowerCase();
        out[stream] += info.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v).join(', ');
        i = end;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[i + 1]!;
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };
      if (map[next] !== undefined) {
        out[stream] += map[next];
        i++;
        continue;
      }
    }
    out[stream] += ch;
  }
  return out;
}
