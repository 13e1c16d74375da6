import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server does with the next request to a path. */
export type Behaviour =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly delayMs?: number }
  | 'reset'
  | 'hang';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP endpoint with failure injection: per path, a queue of behaviours, then 200. */
export class WebhookServer {
  readonly received: Received[] = [];
  readonly #plans = new Map<string, Behaviour[]>();
  readonly #server: Server;
  readonly #hanging = new Set<() => void>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<WebhookServer> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        self.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = self.#plans.get(path)?.shift() ?? { status: 200 };
        if (next === 'reset') return req.socket.destroy();
        if (next === 'hang') {
          self.#hanging.add(() => res.destroy());
          return;
        }
        const answer = () => res.writeHead(next.status, next.headers).end('ok');
        if (next.delayMs) setTimeout(answer, next.delayMs);
        else answer();
      });
    });
    const self = new WebhookServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  plan(path: string, ...behaviours: Behaviour[]): void {
    this.#plans.set(path, [...(this.#plans.get(path) ?? []), ...behaviours]);
  }

  to(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const end of this.#hanging) end();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
