import { connect } from 'node:net';

/** What a raw HTTP/1.1 exchange gave back. */
export interface RawAnswer {
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/**
 * Sends bytes on a fresh TCP connection exactly as given (repeated headers, partial bodies…) and resolves
 * with the answer once the server closes or the answer is complete.
 */
export function rawHttp(endpoint: string, request: string | Buffer): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const body = split === -1 ? '' : text.slice(split + 4);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text.slice(0, split))?.[1];
      if (
        split !== -1 &&
        length !== undefined &&
        Buffer.byteLength(text.slice(split + 4)) >= Number(length)
      ) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

/** An HTTP/1.1 request as text: `headers` may repeat a name (give it twice). */
export function httpRequest(
  endpoint: string,
  headers: readonly (readonly [string, string])[],
  body: string,
  path = '/',
): string {
  const host = new URL(endpoint).host;
  const lines = [`POST ${path} HTTP/1.1`, `host: ${host}`, ...headers.map(([k, v]) => `${k}: ${v}`)];
  lines.push(`content-length: ${Buffer.byteLength(body)}`, 'connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
