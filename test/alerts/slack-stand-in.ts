/**
 * A local HTTP server on 127.0.0.1 standing in for Slack's incoming webhook: it records every
 * request (time, path, JSON body) and answers each attempt as the test scripts it — a status with
 * headers, or `hang` (never answer). The webhook URL carries a secret token the tests look for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The secret part of the stand-in's webhook URL. */
export const WEBHOOK_SECRET = 'Xq7SECRETtokenZZ9';

/** How to answer one attempt. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** One request as received. */
export interface ReceivedRequest {
  at: number;
  path: string;
  body: { text?: string; blocks?: unknown[] };
}

/** A running stand-in. */
export interface SlackStandIn {
  url: string;
  requests: ReceivedRequest[];
  /** Messages (request bodies' text) received so far. */
  texts(): string[];
  close(): Promise<void>;
}

/** Always 200 `ok`, as Slack answers a good post. */
export const okAnswer = (): Answer => ({ status: 200, body: 'ok' });

/** Start a stand-in; `answer(n)` decides the n-th (1-based) request's answer. */
export async function startSlack(answer: (n: number) => Answer = okAnswer): Promise<SlackStandIn> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      requests.push({ at: Date.now(), path: req.url ?? '', body: JSON.parse(raw || '{}') });
      const reply = answer(requests.length);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? (reply.status === 200 ? 'ok' : 'error'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T0000/B0000/${WEBHOOK_SECRET}`,
    requests,
    texts: () => requests.map((r) => r.body.text ?? ''),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A webhook URL on a port where nothing listens (connections are refused). */
export async function refusedWebhookUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/services/T0000/B0000/${WEBHOOK_SECRET}`;
}
