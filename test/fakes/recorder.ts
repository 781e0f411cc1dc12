/**
 * "Another host": a bare HTTP server that records every request it receives
 * (method, path, headers, body) and answers with a plausible JSON body. Tests
 * point emulator redirects at it and assert it saw nothing, so a client can be
 * shown never to carry a token (or anything else) off the configured host.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecorderServer {
  /** `http://<host>:<port>`, with the host name given at start (e.g. `localhost` vs `127.0.0.1`). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1; `hostName` is how its URL names it (another origin than the emulator's). */
export async function startRecorder(hostName = 'localhost', answer: unknown = {}): Promise<RecorderServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostName}:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
