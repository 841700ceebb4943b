import { describe, expect, it } from 'vitest';
import { createJobRunner, type JobDefinition, type JobLogger } from './runner.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function recordingLogger() {
  const errors: string[] = [];
  const logger: JobLogger = { info: () => {}, error: (obj) => errors.push(String((obj as { job: string }).job)) };
  return { logger, errors };
}

describe('job runner', () => {
  it('never overlaps two passes of the same job: a second call waits for the first', async () => {
    const gate = deferred();
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    const job: JobDefinition = {
      name: 'slow',
      intervalMs: 60_000,
      async run() {
        running++;
        maxRunning = Math.max(maxRunning, running);
        passes++;
        await gate.promise;
        running--;
        return 1;
      },
    };
    const runner = createJobRunner([job], recordingLogger().logger);
    const first = runner.runOnce();
    const second = runner.runOnce();
    gate.resolve();
    expect(await first).toEqual({ slow: 1 });
    expect(await second).toEqual({ slow: 0 });
    expect(maxRunning).toBe(1);
    expect(passes).toBe(1);
  });

  it('stop() waits for a pass in flight (graceful shutdown) and schedules no more', async () => {
    const started = deferred();
    const gate = deferred();
    let finished = false;
    let passes = 0;
    const job: JobDefinition = {
      name: 'tick',
      intervalMs: 5,
      async run() {
        passes++;
        started.resolve();
        await gate.promise;
        finished = true;
        return 0;
      },
    };
    const runner = createJobRunner([job], recordingLogger().logger);
    runner.start();
    await started.promise;
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    const after = passes;
    await new Promise((r) => setTimeout(r, 30));
    expect(passes).toBe(after);
  });

  it('a failing pass is logged and the job keeps its schedule', async () => {
    const { logger, errors } = recordingLogger();
    let calls = 0;
    const twice = deferred();
    const job: JobDefinition = {
      name: 'flaky',
      intervalMs: 5,
      async run() {
        calls++;
        if (calls >= 2) twice.resolve();
        if (calls === 1) throw new Error('boom');
        return 0;
      },
    };
    const runner = createJobRunner([job], logger);
    runner.start();
    await twice.promise;
    await runner.stop();
    expect(errors).toEqual(['flaky']);
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
