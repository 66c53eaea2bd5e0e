/** Serves the built web app (web/dist) from the same origin when it exists. */
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const webDist = join(process.cwd(), 'web', 'dist');

export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(join(webDist, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send('<!doctype html><meta charset="utf-8"><title>skillvoucher</title><p>skillvoucher API — <a href="/api/docs">/api/docs</a></p>'),
    );
    return;
  }
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
