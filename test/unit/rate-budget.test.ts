import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIER_LIMITS } from '../../src/shared/tiers';
import { RateBudget, type RequestPriority } from '../../src/main/core/sync/rate-budget';
import { pagesAhead } from '../../src/main/core/sync/walk';

// The budget against a controlled clock: how many requests it lets out, in what order, and when.

describe('the request budget', () => {
  let nowMs = 0;
  const now = (): number => nowMs;
  beforeEach(() => {
    vi.useFakeTimers();
    nowMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  async function advance(ms: number): Promise<void> {
    for (let step = 0; step < ms; step += 10) {
      nowMs += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
  }

  function track(budget: RateBudget, priority: RequestPriority, count: number, granted: string[]): void {
    // dispose() rejects whoever is still waiting when a test ends.
    for (let i = 0; i < count; i++) budget.acquire(priority).then(() => granted.push(`${priority}${i}`), () => {});
  }

  /** A Starter budget whose burst is spent: what waits from now on is granted one at a time, in order. */
  async function spentStarterBudget(): Promise<RateBudget> {
    const budget = new RateBudget(TIER_LIMITS.starter, now);
    track(budget, 'deep', 9, []);
    await advance(0);
    return budget;
  }

  it('lets a burst out at once, then no more than the tier’s rate, kept a little under it', async () => {
    const budget = new RateBudget(TIER_LIMITS.starter, now);
    const granted: string[] = [];
    track(budget, 'deep', 40, granted);
    await advance(0);
    expect(granted).toHaveLength(9); // 90% of Starter's burst of 10
    await advance(4_000);
    // 4 s at 98% of 5 req/s: 19.6 more
    expect(granted.length).toBeGreaterThanOrEqual(9 + 19);
    expect(granted.length).toBeLessThanOrEqual(9 + 20);
    budget.dispose(new Error('done'));
  });

  it('serves waiting live polls before catch-up, and catch-up before deep backfill', async () => {
    const budget = await spentStarterBudget();
    const granted: string[] = [];
    track(budget, 'deep', 2, granted);
    track(budget, 'catch-up', 2, granted);
    track(budget, 'live', 2, granted);
    await advance(2_000);
    expect(granted).toEqual(['live0', 'live1', 'catch-up0', 'catch-up1', 'deep0', 'deep1']);
    budget.dispose(new Error('done'));
  });

  it('serves a guessed page after every needed request, unless its walk has come to need it', async () => {
    const budget = await spentStarterBudget();
    const granted: string[] = [];
    const taken = { guess: true };
    budget.acquire('catch-up', undefined, () => true).then(() => granted.push('catch-up guess'));
    budget.acquire('deep', undefined, () => taken.guess).then(() => granted.push('deep guess, taken'));
    budget.acquire('catch-up', undefined, () => true).then(() => granted.push('catch-up guess 2'));
    track(budget, 'deep', 1, granted);
    taken.guess = false;
    await advance(1_200);
    expect(granted).toEqual(['deep guess, taken', 'deep0', 'catch-up guess', 'catch-up guess 2']);
    budget.dispose(new Error('done'));
  });

  it('sends nothing until a 429’s Retry-After has passed, then resumes more slowly', async () => {
    const budget = new RateBudget(TIER_LIMITS.pro, now);
    const granted: string[] = [];
    budget.onRateLimited(3_000);
    track(budget, 'live', 200, granted);
    await advance(2_990);
    expect(granted).toHaveLength(0);
    expect(budget.pausedForMs).toBeGreaterThan(0);
    await advance(1_000);
    // After the wait the bucket refills from empty at a reduced rate: no burst straight after a 429.
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.length).toBeLessThan(49);
    expect(budget.rateLimitedCount).toBe(1);
    budget.dispose(new Error('done'));
  });

  it('slows once for 429s met together, not once per request that met them', async () => {
    const one = new RateBudget(TIER_LIMITS.pro, now);
    one.onRateLimited(1_000);
    const many = new RateBudget(TIER_LIMITS.pro, now);
    for (let i = 0; i < 4; i++) many.onRateLimited(1_000);
    expect(many.ratePerSecond).toBe(one.ratePerSecond);
    expect(many.rateLimitedCount).toBe(4);
    one.dispose(new Error('done'));
    many.dispose(new Error('done'));
  });

  it('resizes for a tier learned later and drops a waiter whose walk was aborted', async () => {
    const budget = await spentStarterBudget();
    const controller = new AbortController();
    const aborted = budget.acquire('deep', controller.signal);
    controller.abort(new Error('generation over'));
    await expect(aborted).rejects.toThrow('generation over');
    expect(budget.waiting).toBe(0);
    budget.setLimits(TIER_LIMITS.pro);
    const granted: string[] = [];
    track(budget, 'deep', 60, granted);
    await advance(1_000);
    expect(granted.length).toBeGreaterThanOrEqual(45);
    budget.dispose(new Error('done'));
  });
});

describe('the pages a walk asks for ahead', () => {
  it('cover a commit of backfill at Pro, and shrink with the budget', () => {
    let nowMs = 0;
    const pro = new RateBudget(TIER_LIMITS.pro, () => nowMs);
    expect(pagesAhead(pro.ratePerSecond)).toBe(8);
    expect(pagesAhead(new RateBudget(TIER_LIMITS.enterprise).ratePerSecond)).toBe(8);
    expect(pagesAhead(new RateBudget(TIER_LIMITS.starter).ratePerSecond)).toBe(2);
    // 429s slow a Pro key's budget to a quarter of its rate: fewer guesses spend what it lacks.
    for (let pause = 0; pause < 6; pause++) {
      pro.onRateLimited(1_000);
      nowMs += 1_000;
    }
    expect(pagesAhead(pro.ratePerSecond)).toBe(2);
    pro.dispose(new Error('done'));
  });
});
