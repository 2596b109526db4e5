import type { AlertCenter } from './alerts/alert-center';
import type { ChartSeriesReader } from './browse/chart-series';
import type { HistoryBrowser } from './browse/history-browser';
import type { Completeness, GameStatus, RequestInput, RequestOutput, RoundlogService, Status } from '../../shared/contract';
import { canonicalSlug } from '../../shared/games';
import type { StatsEngine } from './stats/stats-engine';
import { findGame } from '../../shared/games';
import type { RoundView } from '../../shared/round';
import { isoToMicros, microsToIso } from '../../shared/time';
import { Emitter } from './emitter';
import type { History } from './store/history';
import { roundToView } from './store/round-store';
import type { RoundWriter } from './store/round-writer';
import type { StoreError } from './store/store-error';
import { depthReached } from './sync/coverage';
import type { GameSync } from './sync/game-sync';
import type { BetWatch } from './sync/bet-watch';
import type { Recorder } from './sync/recorder';

/** The requests and events the app host answers itself, above whichever core is running. */
export type HostMethod = 'getSettings' | 'updateSettings' | 'onSettings' | TransferMethod;
/** Exports read the history file through their own snapshot, so they outlive a core restart (transfer/transfer-service.ts). */
export type TransferMethod = 'startExport' | 'cancelExport' | 'onExportProgress';
/** The contract as one composed core answers it. */
export type CoreService = Omit<RoundlogService, HostMethod>;

export interface ServiceDeps {
  readonly mode: 'sandbox' | 'live';
  readonly baseUrl: string;
  readonly history: History;
  readonly writer: RoundWriter;
  readonly recorder: Recorder;
  readonly betWatch: Pick<BetWatch, 'countsOf'>;
  /** How far back the history should reach, or null for everything. */
  readonly historyDepthMs: number | null;
  readonly stats: StatsEngine;
  /** Runs an exact job off the main thread under a name; a newer job of that name replaces it. */
  readonly exactStats: (name: string, request: RequestInput<'getExactStats'>) => Promise<RequestOutput<'getExactStats'>>;
  readonly cancelExactStats: (name: string) => void;
  readonly browser: HistoryBrowser;
  readonly chart: ChartSeriesReader;
  /** VACUUM and checkpoint the history file; sizes in bytes before and after. */
  readonly compact: () => Promise<{ bytesBefore: number; bytesAfter: number }>;
  /** Alert rules, the feed, and alerts as they fire. */
  readonly alerts: AlertCenter;
}

/** Status pushes are coalesced: a burst of commits yields one. */
const STATUS_COALESCE_MS = 100;

/** The contract implemented once over the core. Every transport is an adapter around this. */
export function createService(deps: ServiceDeps): CoreService & { dispose(): void } {
  const { history, writer, recorder, betWatch } = deps;
  const store = history.rounds;
  const counts = new Map<string, number>();
  const lastRound = new Map<string, { at: string; us: number }>();
  const learn = (game: string): void => {
    counts.set(game, store.countRounds(game));
    const at = store.lastFinalizedAt(game);
    if (at !== null) lastRound.set(game, { at, us: isoToMicros(at) ?? 0 });
  };
  const learnAll = (): void => {
    const games = new Set([...recorder.games].map((sync) => sync.game));
    for (const { slug } of store.games()) games.add(slug);
    for (const game of games) learn(game);
  };
  learnAll();
  // Rounds another process stored (`roundlog import` beside the app) are counted when noticed.
  const foreignWrites = history.watchForeignWrites();
  const rounds = new Emitter<RoundView[]>();
  const status = new Emitter<Status>();
  let storeError: StoreError | null = null;
  let statusTimer: NodeJS.Timeout | null = null;

  const completeness = (game: string): Completeness => {
    const spans = history.spansOf(game);
    const id = store.idOf(game);
    const tally = id === undefined ? { found: 0, filled: 0, open: 0, roundsRecovered: 0 } : history.gaps.tallyOf(id);
    const depthUs = deps.historyDepthMs === null ? null : (Date.now() - deps.historyDepthMs) * 1000;
    const oldest = spans[spans.length - 1];
    const reached = depthReached(oldest, depthUs);
    return {
      from: oldest ? microsToIso(oldest.fromUs) : null,
      through: spans[0] ? microsToIso(spans[0].throughUs) : null,
      depthReached: reached,
      openSpans: Math.max(0, spans.length - 1) + (reached ? 0 : 1) + tally.open,
      gapsFound: tally.found,
      gapsFilled: tally.filled,
      roundsRecovered: tally.roundsRecovered,
    };
  };

  const gameStatus = (game: string, sync: GameSync | undefined, quarantined: Map<string, number>): GameStatus => {
    const info = findGame(game);
    // A history that cannot be written pauses every game until it can; the reason is the store's.
    const blocked = storeError !== null && sync !== undefined && !sync.isPaused && sync.state !== 'error';
    return {
      game,
      name: info?.name ?? game,
      provider: info?.provider ?? 'unknown provider',
      kind: info?.kind ?? 'unknown',
      known: info !== undefined,
      tracked: sync !== undefined,
      state: blocked ? 'paused' : (sync?.state ?? 'paused'),
      detail: blocked ? storeError!.message : (sync?.detail ?? (sync ? null : 'Not tracked: received from upstream and kept as a generic series.')),
      staleSince: sync?.staleSinceMs ? new Date(sync.staleSinceMs).toISOString() : null,
      lastRoundAt: lastRound.get(game)?.at ?? null,
      roundsStored: counts.get(game) ?? 0,
      backfill: sync?.backfill ?? null,
      completeness: completeness(game),
      quarantined: quarantined.get(game) ?? 0,
      betSnapshots: betSnapshotsOf(betWatch.countsOf(game)),
      commitDelayMs: sync?.delays.summary() ?? null,
    };
  };

  const buildStatus = (): Status => {
    if (foreignWrites.happened()) learnAll();
    const quarantined = history.quarantine.counts();
    const tracked = recorder.games.map((sync) => gameStatus(sync.game, sync, quarantined));
    const others = [...counts.keys()].filter((game) => !recorder.game(game)).map((game) => gameStatus(game, undefined, quarantined));
    return {
      source: { mode: deps.mode, baseUrl: deps.baseUrl },
      connection: storeError ? { state: recorder.connection.state, detail: storeError.message } : recorder.connection,
      sync: { ...recorder.syncStatus(), quarantined: [...quarantined.values()].reduce((sum, n) => sum + n, 0) },
      games: [...tracked, ...others],
    };
  };

  const scheduleStatus = (): void => {
    if (statusTimer || status.size === 0) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      status.emit(buildStatus());
    }, STATUS_COALESCE_MS);
  };

  const disposers = [
    writer.committed.on((committed) => {
      const views = committed.map(roundToView).sort((a, b) => a.finalizedUs - b.finalizedUs);
      for (const view of views) {
        counts.set(view.game, (counts.get(view.game) ?? 0) + 1);
        if (view.finalizedUs >= (lastRound.get(view.game)?.us ?? -Infinity)) {
          lastRound.set(view.game, { at: view.finalizedAt, us: view.finalizedUs });
        }
      }
      rounds.emit(views);
      scheduleStatus();
    }),
    writer.failures.on((error) => {
      storeError = error;
      scheduleStatus();
    }),
    recorder.changed.on(scheduleStatus),
  ];

  return {
    getStatus: async () => buildStatus(),
    getRecentRounds: async ({ game, limit }) => store.recentRounds(game, limit),
    setGamePaused: async ({ game, paused }) => {
      recorder.setPaused(game, paused);
      return null;
    },
    getStatsSummary: async ({ game }) => deps.stats.summary(canonicalSlug(game)),
    getGameStats: async ({ game, window, houseEdge }) => deps.stats.gameStats({ game: canonicalSlug(game), window, houseEdge }),
    getExactStats: async (request) => deps.exactStats(request.job, request),
    cancelExactStats: async ({ job }) => {
      deps.cancelExactStats(job);
      return null;
    },
    countRounds: async ({ game, window }) => ({ rounds: deps.stats.countRounds({ game: canonicalSlug(game), window }) }),
    getChartSeries: async (input) => deps.chart.series({ ...input, game: canonicalSlug(input.game) }),
    getHistoryPage: async (input) => deps.browser.page({ ...input, game: canonicalSlug(input.game) }),
    locateInHistory: async (input) => deps.browser.locate({ ...input, game: canonicalSlug(input.game) }),
    getRoundDetail: async (input) => deps.browser.detail({ ...input, game: canonicalSlug(input.game) }),
    compactHistory: async () => {
      writer.flush();
      await writer.idle();
      return deps.compact();
    },
    listAlertRules: async () => deps.alerts.listRules(),
    saveAlertRule: async (rule) => deps.alerts.saveRule(rule),
    deleteAlertRule: async ({ id }) => {
      deps.alerts.deleteRule(id);
      return null;
    },
    getAlertFeed: async ({ beforeId, limit }) => deps.alerts.feed(beforeId, limit),
    markAlertsRead: async ({ throughId }) => deps.alerts.markRead(throughId),
    onAlert: (listener) => deps.alerts.onAlert(listener),
    onRounds: (listener) => rounds.on(listener),
    onStatus: (listener) => status.on(listener),
    dispose: () => {
      for (const dispose of disposers) dispose();
      if (statusTimer) clearTimeout(statusTimer);
    },
  };
}

function betSnapshotsOf(counts: ReturnType<BetWatch['countsOf']>): GameStatus['betSnapshots'] {
  // A copy: the watch keeps counting into its own object.
  return counts === undefined ? null : { ...counts };
}
