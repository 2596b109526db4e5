import { describe, expect, it } from 'vitest';
import type { Completeness, GameStatus } from '../../../../shared/contract';
import { emptyStatus, gameStatus } from '../../testing/statusFixture';
import { backfillWords, completenessWords, formatBytes, formatDuration, formatEta, quarantineWords, stateLine, syncFacts } from './statusWords';

const complete: Completeness = { from: null, through: null, depthReached: false, openSpans: 0, gapsFound: 0, gapsFilled: 0, roundsRecovered: 0 };

const game = (patch: Partial<GameStatus>): GameStatus => gameStatus({ completeness: complete, ...patch });

describe('status in words', () => {
  it('says durations in the two largest units', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min');
    expect(formatDuration(3_900)).toBe('1 h 05 min');
    expect(formatDuration(3 * 86_400 + 7_200)).toBe('3 d 2 h');
  });

  it('says a backfill is estimating before it knows its rate', () => {
    expect(formatEta(null)).toBe('estimating time left…');
    expect(formatEta(0.2)).toBe('almost done');
    expect(formatEta(130)).toBe('about 2 min left');
    expect(backfillWords({ kind: 'catch-up', rows: 12_400, rowsPerSecond: 300, fraction: 0.404, etaSeconds: 185 })).toBe(
      'Catching up · 12,400 rows · 40% · about 3 min left',
    );
    expect(backfillWords({ kind: 'deep', rows: 5, rowsPerSecond: 0, fraction: null, etaSeconds: null })).toBe(
      'Filling older history · 5 rows · estimating time left…',
    );
  });

  it('sizes files as file managers do', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(734 * 1024 * 1024)).toBe('734 MB');
  });

  it('tells a user what to do about an error, and when a game went stale', () => {
    expect(stateLine(game({ state: 'error', detail: 'The API key was rejected (401). Check it in Settings → Connection.' }))).toContain('Settings');
    expect(stateLine(game({ state: 'error' }))).toContain('Settings → Connection');
    const now = new Date(2026, 10, 21, 22, 0);
    expect(stateLine(game({ state: 'stale', staleSince: new Date(2026, 10, 21, 21, 45).toISOString() }), now)).toBe('No live rounds since 21:45. Retrying on its own.');
    expect(stateLine(game({ state: 'live' }))).toBeNull();
  });

  it('reports gaps found and filled, and spans still open', () => {
    const words = completenessWords({ ...complete, from: new Date(2026, 10, 21, 21, 4).toISOString(), through: new Date().toISOString(), openSpans: 1, gapsFound: 2, gapsFilled: 1, roundsRecovered: 340 }, new Date(2026, 10, 21, 22));
    expect(words).toEqual({ coverage: 'Complete from 21:04', gaps: '2 gaps found, 1 filled (340 rounds recovered)', open: '1 span still open', incomplete: true });
    expect(completenessWords(complete).coverage).toBe('Not backfilled yet');
  });

  it('counts quarantined frames only when there are some', () => {
    expect(quarantineWords(0)).toBeNull();
    expect(quarantineWords(1)).toBe('1 undecodable frame set aside');
  });

  it('flags rate limiting only while it lasts', () => {
    const now = new Date('2026-11-21T22:00:00Z');
    const limited = syncFacts({ ...emptyStatus.sync, rateLimitedUntil: '2026-11-21T22:00:30Z', rateLimitedCount: 1 }, now);
    expect(limited.find((fact) => fact.label === 'Rate limited')?.tone).toBe('warn');
    const over = syncFacts({ ...emptyStatus.sync, rateLimitedUntil: '2026-11-21T21:59:00Z', rateLimitedCount: 3 }, now);
    expect(over.find((fact) => fact.label === 'Rate limited')).toEqual({ label: 'Rate limited', value: '3× this session', tone: 'normal' });
    expect(syncFacts(emptyStatus.sync, now).map((fact) => fact.label)).toEqual(['Tier', 'Live rounds', 'Request budget', 'Quarantined']);
  });
});
