import { MAX_TIMER_MS, systemClock } from '@greenlight/contract';

describe('the system clock', () => {
  it("arms ref'd timers: a pending handler that waits on one keeps the process alive", () => {
    const timer = systemClock.setTimeout(() => {}, 60_000) as NodeJS.Timeout;
    try {
      expect(timer.hasRef()).toBe(true);
    } finally {
      systemClock.clearTimeout(timer);
    }
  });

  it("clamps a delay longer than Node's longest timer, which would otherwise fire at once", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    let fired = false;
    const timer = systemClock.setTimeout(() => {
      fired = true;
    }, MAX_TIMER_MS * 2);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    systemClock.clearTimeout(timer);
    process.off('warning', onWarning);
    expect(fired).toBe(false);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('fires after the delay, and not once cleared', async () => {
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('kept'), 5);
    systemClock.clearTimeout(systemClock.setTimeout(() => fired.push('cleared'), 5));
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toEqual(['kept']);
  });

  it('tells the time in epoch milliseconds', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
