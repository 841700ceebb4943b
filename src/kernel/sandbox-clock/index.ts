// PLAT-4: the sandbox clock (docs/tickets.md, "Sandbox clock").
export { createSandboxClock, parseDuration, sandboxClockErrors, type SandboxClock, type SandboxClockChange, type SandboxClockState } from './sandbox-clock.ts';
