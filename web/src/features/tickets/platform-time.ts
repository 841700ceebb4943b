// The platform's time, as due times count it. Outside production staff may move the platform's
// clock (PLAT-4, the sandbox clock), so "in 2 days 3 hours" is measured from the server's time,
// not the browser's: /health answers it (public, any page may ask). The difference from the
// browser's clock is read when a page opens and again every few minutes (a frozen clock stays
// put); meanwhile the value ticks with the browser's clock so relative times count down.
import { useEffect, useState } from 'react';

const TICK_MS = 30_000;
const RESYNC_MS = 5 * 60_000;

let offsetMs = 0;
let syncedAt = 0;
let pending: Promise<void> | null = null;

async function sync(): Promise<void> {
  try {
    const before = Date.now();
    const response = await fetch('/health', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const body = (await response.json()) as { time?: unknown };
    if (typeof body.time !== 'string') return;
    const server = Date.parse(body.time);
    if (Number.isNaN(server)) return;
    const after = Date.now();
    offsetMs = server - (before + after) / 2;
    syncedAt = after;
  } catch {
    // Offline or no server: the browser's clock is the best guess.
  }
}

function syncSoon(force = false): Promise<void> {
  if (!force && syncedAt && Date.now() - syncedAt < RESYNC_MS) return Promise.resolve();
  pending ??= sync().finally(() => {
    pending = null;
  });
  return pending;
}

/** Reads the platform's time again now (after an action, say). */
export function resyncPlatformTime(): Promise<void> {
  return syncSoon(true);
}

/** The platform's time in ms, updated every 30 s (and whenever `key` changes, e.g. a reloaded ticket). */
export function usePlatformNow(key?: unknown): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let alive = true;
    const update = () => alive && setNow(Date.now() + offsetMs);
    void syncSoon(key !== undefined).then(update);
    const timer = setInterval(() => void syncSoon().then(update), TICK_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [key]);
  return now;
}
