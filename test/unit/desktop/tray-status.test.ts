import { describe, expect, it } from 'vitest';
import { newlyFailing, trayStatus } from '../../../src/main/electron/tray-status';
import { gameStatus, statusOf as status } from '../../../src/renderer/src/testing/statusFixture';
import type { GameStatus } from '../../../src/shared/contract';

const game = (slug: string, name: string, patch: Partial<GameStatus> = {}): GameStatus => gameStatus({ game: slug, name, roundsStored: 10, ...patch });

describe('what the tray says', () => {
  it('counts games by state, worst first, and marks demo data', () => {
    const view = trayStatus(status('sandbox', [game('stake-crash', 'Crash'), game('crazytime', 'Crazy Time', { provider: 'Evolution', state: 'backfilling', backfill: { kind: 'deep', rows: 10, rowsPerSecond: 5, fraction: 0.427, etaSeconds: 30 } })]));
    expect(view).toEqual({
      tooltip: 'Roundlog (demo data): 1 catching up, 1 live',
      attention: false,
      lines: ['Stake Crash: live', 'Evolution Crazy Time: catching up 42%'],
    });
  });

  it('asks for attention when a game is in error or stale, with the reason in the menu', () => {
    const view = trayStatus(status('live', [game('stake-crash', 'Crash', { state: 'error', detail: 'The API key was rejected (401). Check it in Settings → Connection.' }), game('roobet-crash', 'Crash', { provider: 'Roobet', state: 'stale', staleSince: null })]));
    expect(view.attention).toBe(true);
    expect(view.tooltip).toBe('Roundlog: 1 error, 1 no data');
    expect(view.lines).toEqual(['Stake Crash: The API key was rejected (401). Check it in Settings → Connection.', 'Roobet Crash: no data since a while']);
  });

  it('leaves untracked games out and keeps the tooltip within Windows’ 127 characters', () => {
    const many = Array.from({ length: 60 }, (_, i) => game(`g${i}`, `Game ${i}`, { state: (['live', 'paused', 'stale', 'error', 'connecting', 'backfilling'] as const)[i % 6] }));
    const view = trayStatus(status('live', [...many, game('unknown-x', 'unknown-x', { tracked: false, state: 'error' })]));
    expect(view.tooltip.length).toBeLessThanOrEqual(127);
    expect(view.lines).toHaveLength(60);
    expect(trayStatus(null)).toEqual({ tooltip: 'Roundlog: starting', attention: false, lines: [] });
  });

  it('announces a game going into error once, not on every status after', () => {
    const failing = status('live', [game('stake-crash', 'Crash', { state: 'error', detail: 'rejected' }), game('crazytime', 'Crazy Time')]);
    expect(newlyFailing(null, failing).map((g) => g.game)).toEqual(['stake-crash']);
    expect(newlyFailing(failing, failing)).toEqual([]);
    const recovered = status('live', [game('stake-crash', 'Crash'), game('crazytime', 'Crazy Time')]);
    expect(newlyFailing(recovered, failing).map((g) => g.game)).toEqual(['stake-crash']);
  });
});
