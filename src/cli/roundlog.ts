import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, parseDuration, resolveConfig, type RoundlogConfig } from '../main/core/config';
import { startRoundlog, type RoundlogCore } from '../main/core/compose';
import { StoreError } from '../main/core/store/store-error';
import { startServe } from '../main/serve/serve-server';
import { startSandbox } from '../sim/server';
import { followProgress } from './progress';

const USAGE = `Usage: roundlog <command> [options]

Commands:
  sim     Run the TrackerSino sandbox server standalone and print its URL and key
            --port N  --key K  --seed S  --speed X  --history 6h  --games a,b
  serve   Run Roundlog headless and print the address to open in a browser
            --port N  --host ADDR (default 127.0.0.1; anything else is reachable from your network)
  sync    Record without any UI and print progress
            --for 60s (stop after that long, with everything received committed)

Options for serve and sync:
  --data-dir DIR     where the history lives (env ROUNDLOG_DATA_DIR)
  --base-url URL     TrackerSino API root, e.g. https://api.trackersino.com (env TRACKERSINO_BASE_URL)
  --api-key KEY      TrackerSino API key (env TRACKERSINO_API_KEY); without one, the embedded sandbox runs
  --games a,b        games to track (default stake-crash,crazytime)
  --history 6h       how far back a game's first backfill reaches
`;

const COMMON = {
  'data-dir': { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  games: { type: 'string' },
  history: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function port(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UsageError(`--port ${text} is not a port number (0-65535).`);
  return value;
}

function configFrom(values: Record<string, unknown>): RoundlogConfig {
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return resolveConfig({ dataDir: text('data-dir'), baseUrl: text('base-url'), apiKey: text('api-key'), games: text('games'), history: text('history') });
}

/** The worker sits beside this file in `out/main`. */
const PAGE_PARSE_WORKER = new URL('./page-parse-worker.js', import.meta.url);

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
  const values = parse(args, { port: { type: 'string' }, key: { type: 'string' }, seed: { type: 'string' }, speed: { type: 'string' } });
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0)) throw new UsageError(`--speed ${values.speed} must be a positive number.`);
  const historyMs = values.history === undefined ? undefined : parseDuration(values.history);
  if (historyMs === null) throw new UsageError(`--history ${values.history} is not a duration such as 6h or 30d.`);
  const sandbox = await startSandbox({
    ...(values.port !== undefined ? { port: port(values.port) } : {}),
    ...(values.key ? { key: values.key } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(historyMs !== undefined ? { historyMs } : {}),
    ...(values.games ? { games: values.games.split(',').map((slug) => slug.trim()) } : {}),
  });
  console.log(`TrackerSino sandbox on ${sandbox.url}`);
  console.log(`API key: ${sandbox.key}`);
  console.log(`Try: curl -H "Authorization: Bearer ${sandbox.key}" ${sandbox.url}/v1-beta/games`);
  closeOnSignal(() => sandbox.close());
}

async function runServe(args: string[]): Promise<void> {
  const values = parse(args, { port: { type: 'string' }, host: { type: 'string' } });
  const host = values.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    console.warn(`WARNING: serving on ${host}: anyone who can reach this address and learns the link can read your history.`);
  }
  const core = await startRoundlog(configFrom(values), { pageParseWorker: PAGE_PARSE_WORKER });
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const serve = await startServe({ service: core.service, rendererDir, host, ...(values.port !== undefined ? { port: port(values.port) } : {}) });
  console.log(`Recording ${core.config.games.join(', ')}: ${describeSource(core)}`);
  console.log(`History: ${core.databaseFile}`);
  console.log(`Open ${serve.url}`);
  closeOnSignal(async () => {
    await serve.close();
    await core.close();
  });
}

async function runSync(args: string[]): Promise<void> {
  const values = parse(args, { for: { type: 'string' } });
  const forMs = values.for === undefined ? null : parseDuration(values.for);
  if (forMs === null && values.for !== undefined) throw new UsageError(`--for ${values.for} is not a duration such as 60s or 10m.`);
  const core = await startRoundlog(configFrom(values), { pageParseWorker: PAGE_PARSE_WORKER });
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

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { sim: runSim, serve: runServe, sync: runSync };

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
    if (error instanceof StoreError) {
      console.error(`roundlog ${command}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

void main(process.argv.slice(2));
