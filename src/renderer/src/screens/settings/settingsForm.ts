import { GAME_CATALOG, isCrashLike, type GameInfo } from '../../../../shared/games';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../../shared/settings';

// The settings form's rules, apart from React: what a change restarts, how a house edge is typed,
// which words a rejected field gets, and what an overridden setting means.

export type FieldName = keyof Settings | 'apiKey';

/** Changes that move the upstream, the games, the tier or the depth restart recording. */
const RESTARTING: readonly FieldName[] = ['environment', 'baseUrl', 'tier', 'games', 'historyDepth', 'apiKey'];

export function restartsRecording(patch: SettingsPatch): boolean {
  return RESTARTING.some((field) => field in patch);
}

/** A patch with only what differs from the current settings (the key always counts as a change). */
export function changedOnly(current: Settings, patch: SettingsPatch): SettingsPatch {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (field === 'apiKey' || JSON.stringify(value) !== JSON.stringify(current[field as keyof Settings])) changed[field] = value;
  }
  return changed as SettingsPatch;
}

const FIELD_WORDS: Partial<Record<FieldName, string>> = {
  baseUrl: 'Enter the full address of the API, starting with https:// (for example https://api.example.com).',
  games: 'Track at least one game.',
  historyDepth: 'Choose a history depth from the list.',
  houseEdges: 'A house edge is a percentage from 0 up to (not including) 100.',
};

/**
 * Checks a patch as Roundlog will, before it is sent, and says per field what to fix. The custom
 * URL must also be http(s): a `file:` or `ftp:` address parses as a URL but cannot be an API.
 */
export function patchProblems(patch: SettingsPatch): Partial<Record<FieldName, string>> {
  const problems: Partial<Record<FieldName, string>> = {};
  if (patch.environment === 'custom' && (patch.baseUrl === null || patch.baseUrl === undefined || patch.baseUrl.trim() === '')) {
    problems.baseUrl = 'A custom environment needs the address of its API, starting with https://.';
  } else if (typeof patch.baseUrl === 'string' && !/^https?:\/\//i.test(patch.baseUrl.trim())) {
    problems.baseUrl = FIELD_WORDS.baseUrl;
  }
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FieldName | undefined;
      if (field === undefined || problems[field] !== undefined) continue;
      problems[field] = FIELD_WORDS[field] ?? sentence(issue.message);
    }
  }
  return problems;
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export type HouseEdgeInput = { readonly ok: true; readonly edge: number | null } | { readonly ok: false; readonly problem: string };

/** "2.7" → 0.027; blank → null (the game's own law). */
export function parseHouseEdgePercent(text: string): HouseEdgeInput {
  const trimmed = text.trim().replace(/%$/, '').trim();
  if (trimmed === '') return { ok: true, edge: null };
  if (!/^\d+(?:[.,]\d+)?$/.test(trimmed)) return { ok: false, problem: 'Type a percentage such as 1 or 2.7, or leave it blank.' };
  const percent = Number(trimmed.replace(',', '.'));
  if (percent >= 100) return { ok: false, problem: 'A house edge is below 100%.' };
  return { ok: true, edge: Math.round(percent * 1e6) / 1e8 };
}

/** 0.027 → "2.7". */
export function formatHouseEdgePercent(edge: number | undefined): string {
  if (edge === undefined) return '';
  return String(Math.round(edge * 1e8) / 1e6);
}

/** Per-game percent texts into the settings' record; the first problem per game is returned instead. */
export function houseEdgesFrom(texts: Readonly<Record<string, string>>): { edges: Record<string, number> } | { problems: Record<string, string> } {
  const edges: Record<string, number> = {};
  const problems: Record<string, string> = {};
  for (const [game, text] of Object.entries(texts)) {
    const parsed = parseHouseEdgePercent(text);
    if (!parsed.ok) problems[game] = parsed.problem;
    else if (parsed.edge !== null) edges[game] = parsed.edge;
  }
  return Object.keys(problems).length > 0 ? { problems } : { edges };
}

const OVERRIDES: Readonly<Record<string, { label: string; by: string }>> = {
  apiKey: { label: 'API key', by: 'set by --api-key or TRACKERSINO_API_KEY for this run' },
  environment: { label: 'Environment', by: 'follows the API key given on the command line or in TRACKERSINO_API_KEY' },
  baseUrl: { label: 'Base URL', by: 'set by --base-url or TRACKERSINO_BASE_URL for this run' },
  games: { label: 'Tracked games', by: 'set by --games on the command line' },
  historyDepth: { label: 'History depth', by: 'set by --history on the command line' },
  tier: { label: 'Tier', by: 'set by --tier or TRACKERSINO_TIER for this run' },
};

/** "Tracked games: set by --games on the command line". */
export function overrideExplanation(field: string): { label: string; by: string } {
  return OVERRIDES[field] ?? { label: field, by: 'set on the command line or in the environment for this run' };
}

export const DEPTH_WORDS: Readonly<Record<string, string>> = {
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  all: 'Everything available',
};

/**
 * The catalog split as the settings list it: games of one multiplier a round (crash, and Roobet's
 * Slide, whose kind is `wheel` but whose rows carry a multiplier only), then the live shows.
 */
export function gameGroups(): { readonly title: string; readonly games: readonly GameInfo[] }[] {
  const multiplierOnly = (game: GameInfo): boolean => isCrashLike(game.kind) || game.kind === 'wheel';
  return [
    { title: 'Crash and slide', games: GAME_CATALOG.filter(multiplierOnly) },
    { title: 'Game shows', games: GAME_CATALOG.filter((game) => !multiplierOnly(game)) },
  ];
}
