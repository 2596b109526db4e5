import { join } from 'node:path';
import { AlertCenter } from '../src/main/core/alerts/alert-center';
import type { Round } from '../src/main/core/round';
import { parseRoundPage } from '../src/main/core/sources/trackersino/round-page';
import { openDatabase } from '../src/main/core/store/database';
import { History } from '../src/main/core/store/history';
import { RoundWriter } from '../src/main/core/store/round-writer';
import type { AlertRuleInput } from '../src/shared/alerts';
import { catalogKind } from '../src/shared/games';
import { startSandbox } from '../src/sim/server';
import { percentile, type Figure } from './report';

// What alerts cost the commit path at backfill speed: the same sandbox rounds stored through the
// writer with and without the alert center listening, and the evaluator's own time per round,
// with a dozen rules of every kind watching the games. Pages go in newest first, as walks send
// them, so after the first page nearly every round is filled in behind the newest.

const ROUNDS_PER_GAME = 100_000;
const PAGE = 1_000;
const RUNS = 3;
const GAMES = ['stake-crash', 'crazytime'] as const;

const RULES: readonly Omit<AlertRuleInput, 'id' | 'enabled' | 'cooldownSeconds' | 'quietHours' | 'sound'>[] = [
  { name: 'big', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'multiplier', atLeast: 100 } },
  { name: 'huge, backfill too', games: ['stake-crash'], includeBackfill: true, condition: { kind: 'multiplier', atLeast: 1000 } },
  { name: 'multi-game', games: ['stake-crash', 'crazytime'], includeBackfill: false, condition: { kind: 'multiplier', atLeast: 50 } },
  { name: 'drought 10x', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'drought', target: { atLeast: 10 }, longerThan: { rounds: 60 } } },
  { name: 'drought 7.5x', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'drought', target: { atLeast: 7.5 }, longerThan: { rounds: 60 } } },
  { name: 'drought p99', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'drought', target: { atLeast: 100 }, longerThan: { percentile: 0.99 } } },
  { name: 'streak', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'streak', below: 2, longerThan: 12 } },
  { name: 'streak 1.5', games: ['stake-crash'], includeBackfill: false, condition: { kind: 'streak', below: 1.5, longerThan: 8 } },
  { name: 'bonus', games: ['crazytime'], includeBackfill: false, condition: { kind: 'segment', segments: ['bonus'] } },
  { name: 'crazy time', games: ['crazytime'], includeBackfill: false, condition: { kind: 'segment', segments: ['crazytime'] } },
  { name: 'no bonus', games: ['crazytime'], includeBackfill: false, condition: { kind: 'drought', target: { segments: ['bonus'] }, longerThan: { rounds: 30 } } },
  { name: 'no crazy time p95', games: ['crazytime'], includeBackfill: false, condition: { kind: 'drought', target: { segments: ['crazytime'] }, longerThan: { percentile: 0.95 } } },
];

/** Each game's rounds as backfill pages, newest page first (rounds inside a page newest first too). */
async function backfillPages(): Promise<Round[][]> {
  const sandbox = await startSandbox({ seed: 'bench-alerts', games: [...GAMES], speed: 1, historyRounds: ROUNDS_PER_GAME });
  const pages: Round[][] = [];
  for (const game of GAMES) {
    const rows = sandbox.rounds(game).slice(-ROUNDS_PER_GAME).map((round) => round.json).reverse();
    for (let i = 0; i < rows.length; i += PAGE) pages.push(parseRoundPage(game, `[${rows.slice(i, i + PAGE).join(',')}]`).rounds);
  }
  await sandbox.close();
  return pages;
}

interface Run {
  readonly roundsPerSecond: number;
  /** Time the alert center takes inside each commit, per round (µs); 0 without alerts. */
  readonly evaluateMicrosPerRound: number;
  readonly alerts: number;
}

async function ingest(file: string, pages: readonly Round[][], withAlerts: boolean): Promise<Run> {
  const db = openDatabase(file);
  const history = new History(db, catalogKind);
  const writer = new RoundWriter(history);
  let evaluateMs = 0;
  let alerts = 0;
  let stored = 0;
  writer.committed.on((rounds) => (stored += rounds.length));
  if (withAlerts) {
    const center = new AlertCenter({ db, history, log: () => {} });
    for (const rule of RULES) center.saveRule({ id: null, enabled: true, cooldownSeconds: 0, quietHours: null, sound: false, ...rule });
    center.onAlert(() => alerts++);
    // Timed where it runs: inside each commit's transaction.
    const inCommit = center.inCommit.bind(center);
    center.inCommit = (rounds, batch) => {
      const started = performance.now();
      inCommit(rounds, batch);
      evaluateMs += performance.now() - started;
    };
    center.listen();
  }
  const started = performance.now();
  for (const page of pages) {
    writer.enqueue(page, { bulk: true });
    // A page every turn of the event loop, as the page parser hands them over.
    await new Promise((resolve) => setImmediate(resolve));
  }
  writer.flush();
  await writer.idle();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { roundsPerSecond: stored / seconds, evaluateMicrosPerRound: (evaluateMs * 1000) / stored, alerts };
}

export async function alertFigures(dir: string): Promise<{ figures: Figure[]; context: Record<string, number> }> {
  const pages = await backfillPages();
  const plain: number[] = [];
  const watched: number[] = [];
  const evaluate: number[] = [];
  let alerts = 0;
  for (let run = 0; run < RUNS; run++) {
    plain.push((await ingest(join(dir, `alerts-plain-${run}.sqlite`), pages, false)).roundsPerSecond);
    const result = await ingest(join(dir, `alerts-watched-${run}.sqlite`), pages, true);
    watched.push(result.roundsPerSecond);
    evaluate.push(result.evaluateMicrosPerRound);
    alerts = result.alerts;
  }
  const without = percentile(plain, 0.5);
  const withAlerts = percentile(watched, 0.5);
  const perRound = percentile(evaluate, 0.5);
  return {
    figures: [
      { name: 'alerts_backfill_eval_us_per_round', value: perRound, unit: 'µs', target: '<= 2', ok: perRound <= 2 },
      { name: 'alerts_ingest_rounds_per_s', value: withAlerts, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'alerts_ingest_without_rounds_per_s', value: without, unit: 'rounds/s', target: 'reference', ok: true },
      { name: 'alerts_ingest_slowdown_ratio', value: without / withAlerts, unit: 'x', target: '<= 1.1', ok: without / withAlerts <= 1.1 },
    ],
    context: { alerts_rules: RULES.length, alerts_rounds: ROUNDS_PER_GAME * GAMES.length, alerts_fired_in_backfill: alerts, alerts_runs: RUNS },
  };
}
