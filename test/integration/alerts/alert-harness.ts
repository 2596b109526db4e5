import { startRoundlog, type ComposeOptions, type RoundlogCore } from '../../../src/main/core/compose';
import { localMinutes } from '../../../src/main/core/alerts/quiet-hours';
import type { Alert, AlertRule, AlertRuleInput, QuietHours } from '../../../src/shared/alerts';
import { startSandbox, type Sandbox, type SandboxOptions, type ScriptedOutcome, type SimRoundRecord } from '../../../src/sim/server';
import { useTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

// The real thing for alert tests: the sandbox on loopback, a core recording it into a real
// history file, rules saved through the service, alerts heard on onAlert and read from the feed.
// The sandbox runs 100× fast (a Stake round every ~0.3 s) and scripts the rounds a test needs.

export const SPEED = 100;
/** Rounds a guard covers: far more than a test plays (~2 minutes of a fast Stake game). */
const GUARD_ROUNDS = 400;
const PING_MS = 200;

export interface AlertRig {
  readonly sandbox: Sandbox;
  readonly core: RoundlogCore;
  readonly dataDir: string;
  /** Every alert pushed by the running core, in order (kept across restarts). */
  readonly pushed: Alert[];
  /** The alerts' policy clock (ms); tests move it instead of sleeping. */
  policyMs: number;
  saveRule(rule: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'condition'>): Promise<AlertRule>;
  /**
   * Scripts the rounds after the one in progress and resolves with their records once all are
   * finalised and stored; `guard` then holds for the rounds after them until the next script.
   */
  playScripted(game: string, outcomes: readonly ScriptedOutcome[], guard?: ScriptedOutcome): Promise<SimRoundRecord[]>;
  /** Waits for the sandbox to finalise `rounds` more rounds of `game` and the core to store them. */
  playOn(game: string, rounds: number): Promise<void>;
  /** Every alert in the feed, newest first. */
  feed(): Promise<Alert[]>;
  /** Cuts every stream socket: the core reconnects and catches up over REST, fetching recent rounds again. */
  dropStreams(): void;
  /**
   * Waits until the catch-up since the last dropStreams or restart has fetched `round` again (a
   * page of its game reaching back to it), every game is live again and what came is stored.
   */
  refetched(round: SimRoundRecord): Promise<void>;
  /** Closes the core and starts another on the same data folder (the sandbox keeps playing). */
  restart(options?: Partial<RigOptions>): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  readonly games: readonly string[];
  readonly sandbox?: SandboxOptions;
  readonly historyDepthMs?: number;
  readonly compose?: ComposeOptions;
}

export async function startAlertRig(options: RigOptions): Promise<AlertRig> {
  const dir = useTempDir();
  const sandbox = await startSandbox({ seed: 'alerts', speed: SPEED, epochMs: Date.now() - 60_000, pingIntervalMs: PING_MS, games: options.games, ...options.sandbox });
  const pushed: Alert[] = [];
  const clock = { ms: Date.now() };
  let detach = (): void => {};
  const startCore = async (settings: RigOptions): Promise<RoundlogCore> => {
    const core = await startRoundlog(
      {
        dataDir: dir.path,
        upstream: { baseUrl: sandbox.url, apiKey: sandbox.key },
        games: settings.games,
        historyDepthMs: settings.historyDepthMs ?? 10 * 60_000,
        tier: 'auto',
        pingIntervalMs: PING_MS,
      },
      { recorder: { restLagMs: 300 }, alertClock: () => clock.ms, log: () => {}, ...settings.compose },
    );
    detach = core.service.onAlert((alert) => pushed.push(alert));
    await waitFor(() => settings.games.every((game) => core.recorder.game(game)?.state === 'live'), () => 'every game live', 45_000);
    return core;
  };
  let core = await startCore(options);
  /** The first of sandbox.requests() made since the last reconnect (a dropStreams or a restart). */
  let reconnectedAt = 0;

  const stored = async (game: string, roundIds: readonly string[]): Promise<void> => {
    await waitFor(
      async () => {
        await core.flush();
        const recent = await core.service.getRecentRounds({ game, limit: 5000 });
        const have = new Set(recent.map((round) => round.roundId));
        return roundIds.every((id) => have.has(id));
      },
      () => `${game}: rounds ${roundIds.slice(0, 3).join(', ')}… stored`,
      20_000,
    );
  };

  const rig: AlertRig = {
    sandbox,
    get core() {
      return core;
    },
    dataDir: dir.path,
    pushed,
    get policyMs() {
      return clock.ms;
    },
    set policyMs(ms: number) {
      clock.ms = ms;
    },
    saveRule: (rule) =>
      core.service.saveAlertRule({
        id: null,
        name: `rule ${rule.condition.kind}`,
        enabled: true,
        games: options.games.slice(0, 1),
        cooldownSeconds: 0,
        quietHours: null,
        sound: false,
        includeBackfill: false,
        ...rule,
      }),
    async playScripted(game, outcomes, guard) {
      const from = sandbox.scriptOutcomes(game, guard === undefined ? outcomes : [...outcomes, ...times(GUARD_ROUNDS, guard)]);
      const through = from + outcomes.length;
      await waitFor(() => sandbox.rounds(game).length >= through, () => `${game}: scripted rounds ${from}..${through - 1} played`, 60_000);
      const records = sandbox.rounds(game).slice(from, through);
      await stored(game, records.map((record) => record.roundId));
      return records;
    },
    async playOn(game, rounds) {
      const until = sandbox.rounds(game).length + rounds;
      await waitFor(() => sandbox.rounds(game).length >= until, () => `${game}: ${rounds} more rounds`, 60_000);
      await stored(game, sandbox.rounds(game).slice(until - rounds, until).map((record) => record.roundId));
    },
    async feed() {
      const alerts: Alert[] = [];
      let beforeId: number | null = null;
      for (;;) {
        const page = await core.service.getAlertFeed({ beforeId, limit: 50 });
        alerts.push(...page.alerts);
        if (!page.hasMore) return alerts;
        beforeId = page.alerts.at(-1)!.id;
      }
    },
    dropStreams() {
      reconnectedAt = sandbox.requests().length;
      sandbox.dropStreams();
    },
    async refetched(round) {
      await waitFor(
        () =>
          sandbox.requests().slice(reconnectedAt).some((request) => request.status === 200 && pageReaches(request.path, round)) &&
          core.config.games.every((game) => core.recorder.game(game)?.state === 'live'),
        () => `${round.game}: round ${round.roundId} fetched again after the reconnect`,
        20_000,
      );
      await core.flush();
    },
    async restart(next = {}) {
      detach();
      await core.close();
      reconnectedAt = sandbox.requests().length;
      core = await startCore({ ...options, ...next });
    },
    async close() {
      detach();
      await core.close();
      await sandbox.close();
      dir.remove();
    },
  };
  return rig;
}

/** Whether a /rounds request asked for a page of `round`'s game reaching back to it. */
function pageReaches(path: string, round: SimRoundRecord): boolean {
  const url = new URL(path, 'http://sandbox');
  if (url.pathname !== `/v1-beta/games/${round.game}/rounds`) return false;
  const since = url.searchParams.get('since');
  const beforeIndex = url.searchParams.get('before_index');
  // The row's finalized_at is the round's time floored to the game's precision, at most the second.
  const rowMs = Math.floor(round.finalizedAtMs / 1000) * 1000;
  return (since === null || Date.parse(since) <= rowMs) && (beforeIndex === null || BigInt(beforeIndex) > round.roundIndex);
}

/** Quiet hours from an hour before to an hour after `ms` (local time), wrapping midnight either way. */
export function quietHoursAround(ms: number): QuietHours {
  const now = localMinutes(ms);
  return { start: timeOfDay(now - 60), end: timeOfDay(now + 60) };
}

/** `HH:MM` of a minute of the day, wrapping past midnight either way. */
function timeOfDay(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `count` copies of an outcome. */
export const times = (count: number, outcome: ScriptedOutcome): ScriptedOutcome[] => Array.from({ length: count }, () => outcome);
