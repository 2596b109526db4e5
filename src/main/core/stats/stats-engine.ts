import type { Database } from 'better-sqlite3';
import { lawOf } from './multiplier-law';
import { isCrashLike } from '../../../shared/games';
import { NO_THEORY, type WindowInfo } from '../../../shared/stats/common';
import type { GameStatsView } from '../../../shared/stats/game-stats';
import type { SummaryView } from '../../../shared/stats/multiplier-stats';
import { HEADLINE_THRESHOLDS, SUMMARY_THRESHOLDS } from '../../../shared/stats/thresholds';
import { WINDOW_PRESET_MS, type StatsWindow } from '../../../shared/stats/window';
import { isoToMicros, microsToIso } from '../../../shared/time';
import { GameHistoryQueries } from './event-history';
import { betsPanelOf } from './panels/bets-panel';
import { betTallyOf } from './bets/bet-window';
import { dicePanel } from './panels/dice-panel';
import {
  biggestWinsOf,
  crowdOf,
  delaysOf,
  distributionOf,
  frequencyOf,
  shapeOf,
  streaksOf,
  type Quote,
} from './panels/multiplier-panels';
import { roulettePanel } from './panels/roulette-panel';
import { wheelPanel } from './panels/wheel-panel';
import type { Rollup } from './rollup/rollup';
import type { History } from '../store/history';
import type { RolledGame } from './rollup/rollup-store';
import type { WindowTallies } from './round-facts-types';
import { UserFacingError } from '../user-facing-error';
import { WindowReader } from './window-reader';
import { HourlyFigures } from './hourly-figures';

// Answers the statistics of any game over any window from the rollups: one window rollup feeds
// every panel, so a dashboard costs one read of ~30 day rows, a few hours and two part-hours of
// rows, however long the history.

const MINUTE_US = 60_000_000;
const BIGGEST_WINS = 10;

export interface StatsQuery {
  readonly game: string;
  readonly window: StatsWindow;
  /** A house edge for the fair-game baseline (1 − e)/x instead of the game's own law. */
  readonly houseEdge?: number | null;
  /** "Now", µs since the epoch (default: the clock): windows end here. */
  readonly nowUs?: number;
  /** Every exact cash-out target in the bets panel, not only its bands (scripts; the dashboard shows bands). */
  readonly exactBetTargets?: boolean;
}

/** A game the history has never seen. */
export class UnknownGameError extends UserFacingError {
  constructor(slug: string) {
    super('unknown_game', `No rounds of ${slug} are in the local history yet.`);
  }
}

export interface ResolvedWindow {
  readonly info: Omit<WindowInfo, 'rounds'>;
  readonly fromUs: number | null;
  /** Exclusive. */
  readonly toUs: number;
}

export class StatsEngine {
  private readonly reader: WindowReader;
  private readonly queries: GameHistoryQueries;
  private readonly hourly: HourlyFigures;

  constructor(
    db: Database,
    private readonly history: Pick<History, 'rollups' | 'statsGame' | 'bets'>,
    private readonly clockUs: () => number = () => Date.now() * 1000,
  ) {
    this.reader = new WindowReader(history.rollups);
    this.queries = new GameHistoryQueries(db);
    this.hourly = new HourlyFigures(history.rollups, this.reader);
  }

  /** The vendor's /summary from the local history: counts, the last day's shape, the delay table. */
  summary(slug: string, nowUs = this.clockUs()): SummaryView {
    const game = this.requireGame(slug);
    const law = lawOf(game, null);
    const history = this.queries.eventHistory(game.id);
    const count = (minutes: number): number => this.reader.rollupOf(game, nowUs - minutes * MINUTE_US, nowUs + 1).rounds;
    const day = this.reader.rollupOf(game, nowUs - 24 * 60 * MINUTE_US, nowUs + 1);
    const quote: Quote = (ref) => this.queries.quote(ref);
    const lastRef = this.queries.lastRound(game.id);
    return {
      game: game.slug,
      kind: game.kind,
      roundsTotal: history.lifetimeRounds(),
      last: quote(lastRef),
      counts: { last5m: count(5), last15m: count(15), last1h: count(60), last24h: day.rounds },
      shape24h: shapeOf(day, quote),
      delays: delaysOf(SUMMARY_THRESHOLDS, history, law),
      generatedAt: microsToIso(nowUs),
    };
  }

  /** Rounds of a window, from the rollups. */
  countRounds(query: StatsQuery): number {
    const game = this.requireGame(query.game);
    const window = resolveWindow(query.window, query.nowUs ?? this.clockUs());
    return this.reader.rollupOf(game, window.fromUs, window.toUs).rounds;
  }

  /** Every panel of a game's dashboard over one window. */
  gameStats(query: StatsQuery): GameStatsView {
    const game = this.requireGame(query.game);
    const nowUs = query.nowUs ?? this.clockUs();
    const window = resolveWindow(query.window, nowUs);
    const rollup = this.reader.rollupOf(game, window.fromUs, window.toUs);
    const info: WindowInfo = { ...window.info, rounds: rollup.rounds };
    const law = lawOf(game, query.houseEdge ?? null);
    const history = this.queries.eventHistory(game.id);
    const quote: Quote = (ref) => this.queries.quote(ref);
    const tallies = talliesOf(rollup);
    const notes = law === null ? [`${NO_THEORY} for the multipliers of ${game.slug}: figures are empirical only.`] : [];
    return {
      multiplier: {
        game: game.slug,
        kind: game.kind,
        window: info,
        delays: delaysOf(HEADLINE_THRESHOLDS, history, law),
        frequency: frequencyOf(rollup, law),
        streaks: streaksOf(rollup, history, law, quote),
        hourly: this.hourly.of(game, window.fromUs, window.toUs, rollup),
        distribution: distributionOf(rollup, law, quote),
        biggestWins: biggestWinsOf(rollup, quote, BIGGEST_WINS),
        crowd: crowdOf(rollup),
        notes,
      },
      wheel: game.kind === 'wheel-show' ? wheelPanel(tallies, history, game.slug, info) : null,
      dice: game.kind === 'dice-show' ? dicePanel(tallies, history, game.slug, info) : null,
      roulette: game.kind === 'roulette-show' ? roulettePanel(tallies, history, game.slug, info) : null,
      bets: this.betsOf(game, window, law, query.exactBetTargets ?? false),
    };
  }

  /** The bet-snapshot panel: crash games whose bets were ever recorded. */
  private betsOf(game: RolledGame, window: ResolvedWindow, law: ReturnType<typeof lawOf>, exactTargets: boolean) {
    if (!isCrashLike(game.kind)) return null;
    const bets = this.history.bets;
    return betsPanelOf(betTallyOf(bets, game.id, window.fromUs, window.toUs), law, bets.firstRecordedUs(game.id), exactTargets);
  }

  private requireGame(slug: string): RolledGame {
    const game = this.history.statsGame(slug);
    if (game === undefined) throw new UnknownGameError(slug);
    return game;
  }
}

export function resolveWindow(window: StatsWindow, nowUs: number): ResolvedWindow {
  if (window === 'all') {
    return { info: { window: 'all', from: null, through: microsToIso(nowUs) }, fromUs: null, toUs: nowUs + 1 };
  }
  if (typeof window === 'string') {
    const fromUs = nowUs - WINDOW_PRESET_MS[window] * 1000;
    return { info: { window, from: microsToIso(fromUs), through: microsToIso(nowUs) }, fromUs, toUs: nowUs + 1 };
  }
  const fromUs = isoToMicros(window.from) as number;
  const throughUs = isoToMicros(window.through) as number;
  return { info: { window: 'custom', from: microsToIso(fromUs), through: microsToIso(throughUs) }, fromUs, toUs: throughUs + 1 };
}

function talliesOf(rollup: Rollup): WindowTallies {
  return {
    rounds: rollup.rounds,
    get: (key) => rollup.tallies.get(key) ?? 0,
    keys: (prefix) => [...rollup.tallies.keys()].filter((key) => key.startsWith(prefix)),
  };
}
