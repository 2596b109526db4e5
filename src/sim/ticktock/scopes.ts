// The seed's scope table: which frame types a key's scopes let through. Anything else
// (`alive`) goes to every key.

export const CS2_SCOPES = ['cs2:stream:matches', 'cs2:stream:markets', 'cs2:stream:scoreboard'] as const;
export type Cs2Scope = (typeof CS2_SCOPES)[number];

export const CS2_FRAME_TYPES = [
  'match.created',
  'match.updated',
  'match.finished',
  'round.started',
  'round.finished',
  'event.kill',
  'event.bomb_planted',
  'event.bomb_defused',
  'event.bomb_exploded',
  'market.created',
  'market.updated',
  'market.suspended',
  'market.unsuspended',
  'bet_settlement',
  'scoreboard.frame',
] as const;
export type Cs2FrameType = (typeof CS2_FRAME_TYPES)[number];

export function scopeOf(type: Cs2FrameType): Cs2Scope {
  if (type.startsWith('market.') || type === 'bet_settlement') return 'cs2:stream:markets';
  if (type === 'scoreboard.frame') return 'cs2:stream:scoreboard';
  return 'cs2:stream:matches';
}

/** A TickTock key and what it may receive. */
export interface TickTockGrant {
  readonly key: string;
  readonly scopes: readonly string[];
}

export function isCs2Scope(text: string): text is Cs2Scope {
  return (CS2_SCOPES as readonly string[]).includes(text);
}
