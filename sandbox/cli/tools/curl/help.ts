// `curl --help` (the stripped-down menu of curl 7.73+) and `curl --version`.
import type { CurlProfile } from './profile.ts';

export const CURL_HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

const RELEASE_DATES: Record<string, string> = {
  '7.81.0': '2022-01-05',
  '7.88.1': '2023-02-20',
  '8.5.0': '2023-12-06',
  '8.14.1': '2025-06-04',
};

export function curlVersionText(p: CurlProfile): string {
  const alpine = p.version === '8.14.1';
  const protocols = alpine
    ? 'dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp scp sftp smb smbs smtp smtps telnet tftp ws wss'
    : 'dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp';
  const features = alpine
    ? 'alt-svc AsynchDNS brotli HSTS HTTP2 HTTP3 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd'
    : 'alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd';
  return (
    `curl ${p.version} (x86_64-${alpine ? 'alpine' : 'pc'}-linux-${alpine ? 'musl' : 'gnu'}) ${p.libs}\n` +
    `Release-Date: ${RELEASE_DATES[p.version] ?? '2023-12-06'}\n` +
    `Protocols: ${protocols}\n` +
    `Features: ${features}\n`
  );
}
