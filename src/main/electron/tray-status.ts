import type { GameState, GameStatus, Status } from '../../shared/contract';
import { gameTitle } from '../../shared/games';

// What the tray says about recording, from the same status the window shows. Plain Node (no
// `electron` import) so it is tested under vitest; tray.ts turns it into an icon and a menu.

export interface TrayStatus {
  /** Hover text; Windows cuts a tray tooltip at 127 characters. */
  readonly tooltip: string;
  /** A game needs the user (error or stale): the tray shows its attention icon. */
  readonly attention: boolean;
  /** One line per tracked game, for the tray menu. */
  readonly lines: readonly string[];
}

const TOOLTIP_LIMIT = 127;

const STATE_ORDER: readonly GameState[] = ['error', 'stale', 'connecting', 'backfilling', 'paused', 'live'];

const STATE_WORDS: Readonly<Record<GameState, string>> = {
  connecting: 'connecting',
  backfilling: 'catching up',
  live: 'live',
  stale: 'no data',
  paused: 'paused',
  error: 'error',
};

export function trayStatus(status: Status | null): TrayStatus {
  if (status === null) return { tooltip: 'Roundlog: starting', attention: false, lines: [] };
  const games = status.games.filter((game) => game.tracked);
  const counts = STATE_ORDER.map((state) => [state, games.filter((game) => game.state === state).length] as const)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${STATE_WORDS[state]}`);
  const demo = status.source.mode === 'sandbox' ? ' (demo data)' : '';
  const summary = games.length === 0 ? 'no games tracked' : counts.join(', ');
  return {
    tooltip: truncate(`Roundlog${demo}: ${summary}`, TOOLTIP_LIMIT),
    attention: games.some((game) => game.state === 'error' || game.state === 'stale'),
    lines: games.map(gameLine),
  };
}

function gameLine(game: GameStatus): string {
  const title = gameTitle(game);
  switch (game.state) {
    case 'backfilling': {
      const fraction = game.backfill?.fraction;
      return `${title}: catching up${fraction === null || fraction === undefined ? '' : ` ${Math.floor(fraction * 100)}%`}`;
    }
    case 'stale':
      return `${title}: no data since ${game.staleSince === null ? 'a while' : clockTime(game.staleSince)}`;
    case 'error':
      return truncate(`${title}: ${game.detail ?? 'error'}`, 90);
    default:
      return `${title}: ${STATE_WORDS[game.state]}`;
  }
}

function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Games that went into error since the previous status: each is announced once, not on every update. */
export function newlyFailing(previous: Status | null, next: Status): GameStatus[] {
  const failing = new Set(previous?.games.filter((game) => game.state === 'error').map((game) => game.game) ?? []);
  return next.games.filter((game) => game.tracked && game.state === 'error' && !failing.has(game.game));
}
