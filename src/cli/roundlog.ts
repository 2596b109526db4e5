import { apiKeyFromFlags, SOURCE_FLAGS, SOURCE_USAGE } from './source-flags';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { join } from 'node:path';
import { ConfigError, defaultDataDir, parseDuration, resolveConfig, type RoundlogConfig } from '../main/core/config';
import { startHost } from '../main/core/app-host';
import { fileSecretStore } from '../main/core/settings/secret-store';
import { overridesFrom } from '../main/core/settings/run-config';
import { startRoundlog, type RoundlogCore } from '../main/core/compose';
import { StoreError } from '../main/core/store/store-error';
import { UserFacingError } from '../main/core/user-facing-error';
import { isLoopbackHost, startServe } from '../main/serve/serve-server';
import { startSandbox } from '../sim/server';
import { parseWindowText } from '../shared/stats/window';
import { isTier, type Tier } from '../shared/tiers';
import { followProgress } from './progress';
import { readStats } from './stats-command';
import { runExport, runImport, TRANSFER_USAGE } from './transfer-commands';
import { formatStatsReport } from './stats-format';

const USAGE = `Usage: roundlog <command> [options]

Commands:
  sim     Run the TrackerSino sandbox server standalone and print its URL and key
            --port N                port to listen on (default: a free one)
            --key K                 the main API key (default: a random ts_sandbox_...)
            --tier T                plan of --key: starter, pro (default) or enterprise
            --keys K:T[:R],...      more keys and their plans; R sets a custom req/s (e.g. s1:starter,e1:enterprise:1000)
                                    starter: REST only, 5 req/s, burst 10; pro: 50 req/s + stream; enterprise: 200 req/s + stream
            --seed S                makes every round, match and fault reproducible (default: random)
            --speed X               play X times faster than the real cadence (default 1)
            --history 6h|5000rounds past rounds at start-up: a duration (ms/s/m/h/d) or a round count per game (default 6h)
            --games a,b             games to run (default stake-crash,crazytime)
            --ping 25s              stream heartbeat cadence (default 25s, as documented)
          Fault injection (rates are probabilities from 0 to 1, drawn from the seed):
            --drop-rate P           per stream frame: cut the socket instead of sending it
            --duplicate-rate P      per stream frame: send it twice
            --reorder-rate P        per stream frame: send it after the socket's next frame
            --garble-rate P         per stream frame: send it cut in half (malformed JSON)
            --precision-rate P      per stream frame: write finalized_at in another precision than REST
            --error-rate P          per REST request: answer 503
            --slow-rate P           per REST request: answer only after --slow-ms
            --slow-ms N             delay of a slow answer (default 2000)
          TickTock CS2 stream on the same port (ws://HOST:PORT/cs2/v1/stream?api_key=K, GET /v1/whoami):
            --cs2-key K             key holding every stream scope (default: a random ttk_sandbox_...)
            --cs2-keys K:S+S,...    more keys and their scopes, e.g. m1:cs2:stream:markets+cs2:stream:scoreboard
            --cs2-alive 10s         alive envelope cadence (default 10s, as documented)
            --cs2-matches N         matches played at once (default 2)
  serve   Run Roundlog headless and print the address to open in a browser
            --port N  --host ADDR (default 127.0.0.1; anything but loopback is reachable from your network)
  sync    Record without any UI and print progress
            --for 60s (stop after that long, with everything received committed)
  stats   Print one game's statistics from the recorded history (records nothing, starts no sandbox)
            --game G                the game, e.g. stake-crash or crazytime (required)
            --window W              5m, 15m, 30m, 1h, 3h, 6h, 12h, 24h, 72h, 7d, 30d, all (default 24h),
                                    or FROM..THROUGH as ISO instants, e.g. 2025-01-01T00:00:00Z..2025-01-02T00:00:00Z
            --house-edge E          theory from the fair baseline (1 - E)/x instead of the game's own law;
                                    a fraction from 0 to under 1 (0.03) or a percentage (3%)
            --json                  one JSON document {"summary": ..., "stats": ...}, for scripts
            --data-dir, --base-url, --api-key(-file) as below pick the history serve and sync record into
${TRANSFER_USAGE}
Options for serve and sync:
${SOURCE_USAGE}
  --games a,b        games to track (default stake-crash,crazytime)
  --history 6h       how far back the history reaches (a duration, or "all" for everything upstream has);
                     the last hour is fetched first, older rounds behind live tracking, resumable
  --tier auto        the key's plan: starter, pro, enterprise, or auto (default: learned from the stream;
                     a key without the stream is tracked by polling within Starter's 5 requests per second)
                     (env TRACKERSINO_TIER)
`;

/** The flags that choose where the history lives. */
const SOURCE = {
  ...SOURCE_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMON = {
  ...SOURCE,
  games: { type: 'string' },
  history: { type: 'string' },
  tier: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

function parseExactly<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A recording command's flags: its own and COMMON. */
function parse<T extends Options>(args: string[], options: T) {
  return parseExactly(args, { ...COMMON, ...options });
}

function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UsageError(`--port ${text} is not a port number (0-65535).`);
  return value;
}

function configFrom(values: Record<string, unknown>): RoundlogConfig {
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return resolveConfig({ dataDir: text('data-dir'), baseUrl: text('base-url'), apiKey: apiKeyFromFlags(values, console.warn), games: text('games'), history: text('history'), tier: text('tier') });
}

/** The workers sit beside this file in `out/main`. */
const PAGE_PARSE_WORKER = new URL('./page-parse-worker.js', import.meta.url);
const EXACT_STATS_WORKER = new URL('./exact-stats-worker.js', import.meta.url);
const EXPORT_WORKER = new URL('./export-worker.js', import.meta.url);

function describeSource(core: RoundlogCore): string {
  return core.mode === 'sandbox'
    ? 'DEMO DATA from the embedded sandbox (no API key given)'
    : `TrackerSino at ${core.config.upstream?.baseUrl}`;
}

function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = (): void => {
    if (closing) process.exit(130);
    closing = true;
    // `close` may exit with its own code first (sync reports rounds it could not save).
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function runSim(args: string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const values = parse(args, {
    port: text, key: text, tier: text, keys: text, seed: text, speed: text, ping: text,
    'drop-rate': text, 'duplicate-rate': text, 'reorder-rate': text, 'garble-rate': text, 'precision-rate': text,
    'error-rate': text, 'slow-rate': text, 'slow-ms': text,
    'cs2-key': text, 'cs2-keys': text, 'cs2-alive': text, 'cs2-matches': text,
  });
  const tierOf = (flag: string, name: string): Tier => {
    if (!isTier(name)) throw new UsageError(`${flag} ${name}: the tier must be starter, pro or enterprise.`);
    return name;
  };
  const positive = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!(number > 0) || !Number.isFinite(number)) throw new UsageError(`${flag} ${value} must be a positive number.`);
    return number;
  };
  const duration = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === null || ms <= 0) throw new UsageError(`${flag} ${value} is not a duration such as 25s or 500ms.`);
    return ms;
  };
  const rate = (flag: string): number | undefined => {
    const value = values[flag as keyof typeof values] as string | undefined;
    if (value === undefined) return undefined;
    const number = Number(value);
    if (value.trim() === '' || !(number >= 0 && number <= 1)) throw new UsageError(`--${flag} ${value} must be a probability from 0 to 1.`);
    return number;
  };
  const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

  const speed = positive('--speed', values.speed);
  let historyMs: number | undefined;
  let historyRounds: number | undefined;
  if (values.history !== undefined) {
    const rounds = /^(\d+)(?:r|rounds)?$/.exec(values.history.trim());
    if (rounds) historyRounds = Number(rounds[1]);
    else {
      const ms = parseDuration(values.history);
      if (ms === null) throw new UsageError(`--history ${values.history} is neither a duration such as 6h or 30d nor a round count such as 5000rounds.`);
      historyMs = ms;
    }
  }
  const keys = list(values.keys).map((item) => {
    const [key = '', tier = '', custom] = item.split(':');
    if (key === '') throw new UsageError(`--keys ${item}: give KEY:TIER, e.g. s1:starter.`);
    const ratePerSecond = positive(`--keys ${item}:`, custom);
    return { key, tier: tierOf('--keys', tier), ...(ratePerSecond !== undefined ? { ratePerSecond } : {}) };
  });
  const ticktockKeys = list(values['cs2-keys']).map((item) => {
    const colon = item.indexOf(':');
    if (colon <= 0) throw new UsageError(`--cs2-keys ${item}: give KEY:SCOPE+SCOPE, e.g. m1:cs2:stream:markets.`);
    return { key: item.slice(0, colon), scopes: item.slice(colon + 1).split('+').filter(Boolean) };
  });
  const cs2Matches = values['cs2-matches'] === undefined ? undefined : Number(values['cs2-matches']);
  if (cs2Matches !== undefined && !(Number.isInteger(cs2Matches) && cs2Matches >= 0)) {
    throw new UsageError(`--cs2-matches ${values['cs2-matches']} must be a whole number.`);
  }
  const streamRates = {
    drop: rate('drop-rate'), duplicate: rate('duplicate-rate'), reorder: rate('reorder-rate'),
    garble: rate('garble-rate'), precision: rate('precision-rate'),
  };
  const slowMs = values['slow-ms'] === undefined ? undefined : Number(values['slow-ms']);
  if (slowMs !== undefined && !(Number.isFinite(slowMs) && slowMs >= 0)) throw new UsageError(`--slow-ms ${values['slow-ms']} must be a number of milliseconds.`);
  const defined = <T extends object>(object: T): Partial<T> =>
    Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;

  const sandbox = await startSandbox({
    ...(values.port !== undefined ? { port: port(values.port) } : {}),
    ...(values.key ? { key: values.key } : {}),
    ...(values.tier !== undefined ? { keyTier: tierOf('--tier', values.tier) } : {}),
    ...(keys.length > 0 ? { keys } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(historyMs !== undefined ? { historyMs } : {}),
    ...(historyRounds !== undefined ? { historyRounds } : {}),
    ...(values.games ? { games: values.games.split(',').map((slug) => slug.trim()) } : {}),
    ...defined({ pingIntervalMs: duration('--ping', values.ping), cs2AliveIntervalMs: duration('--cs2-alive', values['cs2-alive']), cs2Matches }),
    ...(values['cs2-key'] ? { ticktockKey: values['cs2-key'] } : {}),
    ...(ticktockKeys.length > 0 ? { ticktockKeys } : {}),
    faults: {
      stream: defined(streamRates),
      rest: defined({ errorRate: rate('error-rate'), slowRate: rate('slow-rate'), slowMs }),
    },
  });
  console.log(`TrackerSino sandbox on ${sandbox.url}`);
  console.log(`API key: ${sandbox.key} (tier=${sandbox.tierOf(sandbox.key)})`);
  for (const { key } of keys) console.log(`API key: ${key} (tier=${sandbox.tierOf(key)})`);
  console.log(`Try: curl -H "Authorization: Bearer ${sandbox.key}" ${sandbox.url}/v1-beta/games`);
  console.log(`TickTock CS2 key: ${sandbox.ticktockKey} (every stream scope)`);
  console.log(`CS2 stream: ${sandbox.url.replace('http', 'ws')}/cs2/v1/stream?api_key=${sandbox.ticktockKey}`);
  closeOnSignal(() => sandbox.close());
}

async function runServe(args: string[]): Promise<void> {
  const values = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    console.warn(`WARNING: serving on ${host}: anyone who can reach this address and learns the link can read your history.`);
  }
  const given: Record<string, unknown> = values;
  const text = (key: string): string | undefined => (typeof given[key] === 'string' ? (given[key] as string) : undefined);
  const flags = { baseUrl: text('base-url'), apiKey: apiKeyFromFlags(given, console.warn), games: text('games'), history: text('history'), tier: text('tier') };
  const dataDir = text('data-dir') ?? process.env.ROUNDLOG_DATA_DIR ?? defaultDataDir();
  // Checked as the command line gave them before anything starts: a typo is a usage error.
  resolveConfig({ ...flags, dataDir });
  const app = await startHost({
    dataDir,
    overrides: overridesFrom(flags),
    secrets: fileSecretStore(join(dataDir, 'api-key')),
    compose: startWhenWritable,
    exportWorker: EXPORT_WORKER,
    log: (message) => console.warn(`roundlog: ${message}`),
  });
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const serve = await startServe({ service: app.service, rendererDir, host, ...(values.port !== undefined ? { port: port(values.port) } : {}) });
  console.log(`Recording ${app.core.config.games.join(', ')}: ${describeSource(app.core)}`);
  console.log(`History: ${app.core.databaseFile}`);
  console.log(`Open ${serve.url}`);
  if (serve.remoteNote !== null) console.log(serve.remoteNote);
  closeOnSignal(async () => {
    await serve.close();
    await app.close();
  });
}

/** Waits between attempts to open a history on a disk that is full or cannot be written. */
const STORE_RETRY_MS = 5_000;

/**
 * Starts the core; a history that cannot be opened because of its disk (full, read-only) is
 * tried again every few seconds with the reason printed, as a recorder left running should.
 */
async function startWhenWritable(config: RoundlogConfig): Promise<RoundlogCore> {
  let lastMessage = '';
  for (;;) {
    try {
      return await startRoundlog(config, { pageParseWorker: PAGE_PARSE_WORKER, exactStatsWorker: EXACT_STATS_WORKER });
    } catch (error) {
      if (!(error instanceof StoreError) || error.code === 'database_too_new') throw error;
      if (error.message !== lastMessage) console.error(`roundlog: ${error.message} Trying again every ${STORE_RETRY_MS / 1000} s.`);
      lastMessage = error.message;
      await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS));
    }
  }
}

async function runSync(args: string[]): Promise<void> {
  const values = parse(args, { for: { type: 'string' } });
  const forMs = values.for === undefined ? null : parseDuration(values.for);
  if (forMs === null && values.for !== undefined) throw new UsageError(`--for ${values.for} is not a duration such as 60s or 10m.`);
  const core = await startWhenWritable(configFrom(values));
  console.log(`Recording ${core.config.games.join(', ')}: ${describeSource(core)}`);
  console.log(`History: ${core.databaseFile}`);
  const stopProgress = followProgress(core.service, (line) => console.log(line));
  /** Resolves with the rounds that could not be committed (a full or read-only disk, say). */
  const finish = async (): Promise<number> => {
    const waiting = await core.flush();
    stopProgress();
    await core.close();
    return waiting;
  };
  const stop = async (): Promise<void> => {
    const waiting = await finish();
    if (waiting > 0) {
      console.error(`roundlog sync: ${waiting} rounds received could not be saved; they are not in the history.`);
      process.exit(1);
    }
    console.log('Done: every round received is committed.');
    process.exit(0);
  };
  if (forMs !== null) setTimeout(() => void stop(), forMs);
  closeOnSignal(stop);
}

/** `0.03` or `3%`: a house edge as a fraction from 0 to under 1. */
function houseEdgeOf(text: string): number {
  const percent = text.trim().endsWith('%');
  const number = Number(percent ? text.trim().slice(0, -1) : text.trim());
  const edge = percent ? number / 100 : number;
  if (text.trim() === '' || !(edge >= 0 && edge < 1)) {
    throw new UsageError(`--house-edge ${text} is not a house edge: give a fraction from 0 to under 1 (0.03) or a percentage (3%).`);
  }
  return edge;
}

async function runStats(args: string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const values = parseExactly(args, { ...SOURCE, game: text, window: text, 'house-edge': text, json: { type: 'boolean' } });
  const game = values.game?.trim() ?? '';
  if (game === '') throw new UsageError('--game is required, e.g. --game stake-crash.');
  const windowText = values.window ?? '24h';
  const window = parseWindowText(windowText);
  if (window === null) {
    throw new UsageError(`--window ${windowText} is not a window: give 5m, 15m, 30m, 1h, 3h, 6h, 12h, 24h, 72h, 7d, 30d, all, or FROM..THROUGH as ISO instants such as 2025-01-01T00:00:00Z..2025-01-02T00:00:00Z.`);
  }
  const houseEdge = values['house-edge'] === undefined ? null : houseEdgeOf(values['house-edge']);
  const config = configFrom(values);
  let report;
  try {
    // A script reading --json gets every exact cash-out target of the recorded bets, as the vendor's rtp-detailed.
    report = readStats(config, { game, window, houseEdge, exactBetTargets: values.json === true });
  } catch (error) {
    // An unknown game or an empty data folder is the user's to fix, like a bad flag.
    if (error instanceof UserFacingError) throw new UsageError(error.message);
    throw error;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatStatsReport(report));
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { sim: runSim, serve: runServe, sync: runSync, stats: runStats, export: runExport, import: runImport };

export async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`roundlog: unknown command "${command}".\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  try {
    await run(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`roundlog ${command}: ${error.message}`);
      process.exit(2);
    }
    // A full disk or a read-only history: said in a sentence, exit 1 (not the usage code 2).
    if (error instanceof StoreError || error instanceof UserFacingError) {
      console.error(`roundlog ${command}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

void main(process.argv.slice(2));
