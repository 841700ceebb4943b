// Work that must not change an answer's timing (X-5: "timings never reveal who has a login"):
// the answer goes out first, the work runs after it. The app keeps the work it started, so a
// graceful shutdown (and a test) can wait for it: `await app.settle()`.
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs `work` after the current answer has gone out; failures are logged, never answered. */
    afterResponse(work: () => Promise<unknown>): void;
    /** Resolves when every piece of work started with afterResponse has finished. */
    settle(): Promise<void>;
  }
}

export function registerAfterResponse(app: FastifyInstance): void {
  const pending = new Set<Promise<unknown>>();
  app.decorate('afterResponse', (work: () => Promise<unknown>) => {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => app.log.error({ err }, 'work after the answer failed'))
      .finally(() => pending.delete(run));
    pending.add(run);
  });
  app.decorate('settle', async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  });
  app.addHook('onClose', async () => {
    await app.settle();
  });
}
