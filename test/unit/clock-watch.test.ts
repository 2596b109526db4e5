import { describe, expect, it } from 'vitest';
import { ClockWatch, type ClockJump } from '../../src/main/core/sync/clock-watch';

describe('noticing a sleep or a clock change', () => {
  function watch() {
    let wall = 1_000_000;
    let monotonic = 0;
    const jumps: ClockJump[] = [];
    const clock = new ClockWatch((jump) => jumps.push(jump), { intervalMs: 5_000, toleranceMs: 10_000, wallMs: () => wall, monotonicMs: () => monotonic });
    clock.start();
    clock.stop();
    return {
      jumps,
      clock,
      pass(wallMs: number, monotonicMs: number) {
        wall += wallMs;
        monotonic += monotonicMs;
        clock.tick();
      },
    };
  }

  it('says nothing while both clocks agree', () => {
    const w = watch();
    for (let i = 0; i < 10; i++) w.pass(5_000, 5_000);
    w.pass(5_400, 5_000);
    expect(w.jumps).toEqual([]);
  });

  it('calls a wall clock that ran ahead of the monotonic one a wake', () => {
    const w = watch();
    w.pass(3_600_000, 5_000);
    expect(w.jumps).toEqual(['wake']);
  });

  it('calls a frozen event loop a wake too, and a clock set back a clock change', () => {
    const w = watch();
    w.pass(60_000, 60_000);
    w.pass(-120_000, 5_000);
    expect(w.jumps).toEqual(['wake', 'clock']);
  });
});
