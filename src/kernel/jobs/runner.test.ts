// The runner's guarantees on a fake clock: no real sleeps, every instant chosen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

/** A job whose passes block until released, counting how many run at once. */
function gatedJob(intervalMs: number) {
  const state = { passes: 0, running: 0, maxRunning: 0, finished: 0, gate: deferred() };
  const job: JobDefinition = {
    name: 'gated',
    intervalMs,
    async run() {
      state.passes++;
      state.running++;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      await state.gate.promise;
      state.running--;
      state.finished++;
      return 1;
    },
  };
  return { job, state };
}

describe('job runner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never overlaps two passes of the same job: a second call waits for the first', async () => {
    const { job, state } = gatedJob(60_000);
    const runner = createJobRunner([job], recordingLogger().logger);
    const first = runner.runOnce();
    const second = runner.runOnce();
    state.gate.resolve();
    expect(await first).toEqual({ gated: 1 });
    expect(await second).toEqual({ gated: 0 });
    expect(state.maxRunning).toBe(1);
    expect(state.passes).toBe(1);
  });

  it('a scheduled pass that comes due while a pass is in flight waits for it instead of overlapping', async () => {
    const { job, state } = gatedJob(1_000);
    const runner = createJobRunner([job], recordingLogger().logger);
    runner.start();
    const manual = runner.runOnce(); // in flight, blocked on the gate
    await vi.advanceTimersByTimeAsync(5_000); // the timer fires and finds it running
    expect(state.passes).toBe(1);
    expect(state.maxRunning).toBe(1);
    state.gate.resolve();
    expect(await manual).toEqual({ gated: 1 });
    // The schedule goes on afterwards: one pass per interval, never two at once.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.passes).toBe(2);
    expect(state.maxRunning).toBe(1);
    await runner.stop();
  });

  it('stop() waits for a pass in flight (graceful shutdown) and schedules no more', async () => {
    const { job, state } = gatedJob(5_000);
    const runner = createJobRunner([job], recordingLogger().logger);
    runner.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(state.passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.passes).toBe(1); // in flight, blocked on the gate

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(60_000); // however long the pass takes, stop() waits
    expect(stopped).toBe(false);
    expect(state.finished).toBe(0);

    state.gate.resolve();
    await stopping;
    expect(state.finished).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * 5_000);
    expect(state.passes).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() between passes cancels the pass that was due next', async () => {
    const { job, state } = gatedJob(1_000);
    state.gate.resolve();
    const runner = createJobRunner([job], recordingLogger().logger);
    runner.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(state.passes).toBe(1);
    await runner.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state.passes).toBe(1);
  });

  it('a failing pass is logged and the job keeps its schedule', async () => {
    const { logger, errors } = recordingLogger();
    let calls = 0;
    const job: JobDefinition = {
      name: 'flaky',
      intervalMs: 1_000,
      async run() {
        calls++;
        if (calls === 1) throw new Error('boom');
        return 0;
      },
    };
    const runner = createJobRunner([job], logger);
    runner.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(1);
    expect(errors).toEqual(['flaky']);
    // The next pass comes one interval after the failed one, not sooner, not never.
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls).toBe(5);
    expect(errors).toEqual(['flaky']);
    await runner.stop();
  });

  it('a pass that leaves items failed is logged as an error, and counts only what it handled', async () => {
    const { logger, errors } = recordingLogger();
    const job: JobDefinition = { name: 'partial', intervalMs: 1_000, run: async () => ({ handled: 7, failed: 2 }) };
    const runner = createJobRunner([job], logger);
    expect(await runner.runOnce()).toEqual({ partial: 7 });
    expect(errors).toEqual(['partial']);
  });
});
