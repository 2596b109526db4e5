import type { SeededDice } from '../round-hash';
import type { Cs2FrameType } from './scopes';

// One simulated CS2 match, told as a sequence of steps: a number is a wait (ms at speed 1), an
// array the frames of what happens once the wait is over (computed then, so times in them are true). The story keeps the match's current state, so a new
// subscriber's snapshot is read from it.
//
// Assumptions where the seed is silent: best of one, MR12 (first to 13; a 12–12 match is decided
// by a 25th round instead of overtime), sides swap after round 12, two markets per match (match
// winner, always open; round winner, opened at each round start and suspended while the bomb is
// down), market status 1 = open and 2 = suspended, prices with a 5% margin.

export type Side = 'CT' | 'T';
export type TeamKey = 'team_a' | 'team_b';

export interface Cs2Event {
  readonly type: Cs2FrameType;
  readonly matchId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type MatchStep = number | readonly Cs2Event[];

interface Player {
  readonly name: string;
  readonly team: TeamKey;
  kills: number;
  deaths: number;
  alive: boolean;
}

interface Market {
  readonly id: string;
  readonly name: string;
  readonly kind: 'match_winner' | 'round_winner';
  readonly roundNumber: number | null;
  status: 1 | 2;
  probabilityA: number;
}

const TEAMS = ['Northwind', 'Iron Lotus', 'Red Harbor', 'Pale Comets', 'Gridlock', 'Sunset Five', 'Glass Wolves', 'Static Union'];
const HANDLES = ['vex', 'kilo', 'mirth', 'rook', 'sable', 'tundra', 'quill', 'ember', 'nox', 'pike', 'lumen', 'brisk', 'orca', 'hex', 'juno', 'crane'];
const MAPS = ['de_mirage', 'de_inferno', 'de_nuke', 'de_ancient', 'de_anubis', 'de_dust2', 'de_train'];
const WEAPONS = ['ak47', 'm4a1_silencer', 'm4a4', 'awp', 'deagle', 'usp_silencer', 'glock', 'mp9', 'galilar', 'famas'];
const ROUNDS_TO_WIN = 13;
const MARGIN = 1.05;

function price(probability: number): string {
  return (1 / (Math.min(0.97, Math.max(0.03, probability)) * MARGIN)).toFixed(2);
}

export class MatchStory {
  readonly id: string;
  status: 'upcoming' | 'live' | 'finished' = 'upcoming';
  /** Wall-clock ms of the step being told; set by the world before each step. */
  clockMs = 0;
  private readonly teamA: string;
  private readonly teamB: string;
  private readonly map: string;
  /** Chance team A wins a round, before sides. */
  private readonly strengthA: number;
  private scoreA = 0;
  private scoreB = 0;
  private roundNumber = 0;
  private startedAt: string | null = null;
  private finishedAt: string | null = null;
  private winner: TeamKey | null = null;
  private readonly players: Player[] = [];
  private readonly markets = new Map<string, Market>();
  private readonly createdAt: string;

  constructor(
    private readonly dice: SeededDice,
    createdAtMs: number,
  ) {
    this.id = `cs2m_${dice.hex(16)}`;
    const first = dice.between(0, TEAMS.length - 1);
    const second = (first + dice.between(1, TEAMS.length - 1)) % TEAMS.length;
    this.teamA = TEAMS[first] as string;
    this.teamB = TEAMS[second] as string;
    this.map = dice.pick(MAPS);
    this.strengthA = 0.4 + dice.next() * 0.2;
    this.createdAt = new Date(createdAtMs).toISOString();
    const handles = [...HANDLES];
    for (const team of ['team_a', 'team_b'] as const) {
      for (let i = 0; i < 5; i++) {
        const name = handles.splice(dice.between(0, handles.length - 1), 1)[0] as string;
        this.players.push({ name, team, kills: 0, deaths: 0, alive: true });
      }
    }
  }

  /** The match as GET /cs2/v1/matches/{id} would answer it. */
  matchData(): Record<string, unknown> {
    return {
      id: this.id,
      status: this.status,
      format: 'bo1',
      map: this.map,
      team_a: { name: this.teamA },
      team_b: { name: this.teamB },
      score_a: this.scoreA,
      score_b: this.scoreB,
      current_round: this.roundNumber,
      created_at: this.createdAt,
      started_at: this.startedAt,
      finished_at: this.finishedAt,
      winner: this.winner,
    };
  }

  marketData(market: Market): Record<string, unknown> {
    return {
      id: market.id,
      match_id: this.id,
      name: market.name,
      kind: market.kind,
      round_number: market.roundNumber,
      status: market.status,
      odds: [
        { outcome: 'team_a', name: this.teamA, price: price(market.probabilityA) },
        { outcome: 'team_b', name: this.teamB, price: price(1 - market.probabilityA) },
      ],
    };
  }

  scoreboardData(): Record<string, unknown> {
    return {
      match_id: this.id,
      round_number: this.roundNumber,
      score_a: this.scoreA,
      score_b: this.scoreB,
      players: this.players.map((player) => ({
        name: player.name,
        team: player.team,
        side: this.sideOf(player.team),
        kills: player.kills,
        deaths: player.deaths,
        alive: player.alive,
      })),
    };
  }

  /** What a subscriber connecting now is told before the changes: the match, its open markets, its scoreboard. */
  snapshot(): Cs2Event[] {
    if (this.status === 'finished') return [];
    const events: Cs2Event[] = [this.event('match.updated', this.matchData())];
    for (const market of this.markets.values()) events.push(this.event('market.updated', this.marketData(market)));
    if (this.status === 'live') events.push(this.event('scoreboard.frame', this.scoreboardData()));
    return events;
  }

  *steps(): Generator<MatchStep, void, void> {
    const winnerMarket = this.openMarket(`${this.id}-mw`, 'Match Winner', 'match_winner', null, this.strengthA);
    yield [this.event('match.created', this.matchData()), this.event('market.created', this.marketData(winnerMarket))];
    yield 60_000;
    yield this.goLive();
    while (this.scoreA < ROUNDS_TO_WIN && this.scoreB < ROUNDS_TO_WIN && this.roundNumber < 25) {
      yield* this.playRound(winnerMarket);
    }
    yield 5_000;
    yield this.finish(winnerMarket);
  }

  private goLive(): Cs2Event[] {
    this.status = 'live';
    this.startedAt = this.now();
    return [this.event('match.updated', this.matchData())];
  }

  private *playRound(winnerMarket: Market): Generator<MatchStep, void, void> {
    yield 15_000;
    this.roundNumber++;
    for (const player of this.players) player.alive = true;
    const n = this.roundNumber;
    const aSide = this.sideOf('team_a');
    const roundMarket = this.openMarket(`${this.id}-r${n}`, `Round ${n} Winner`, 'round_winner', n, this.strengthA);
    yield [this.event('round.started', { match_id: this.id, round_number: n, team_a_side: aSide }), this.event('market.created', this.marketData(roundMarket))];

    const winnerTeam: TeamKey = this.dice.next() < this.strengthA ? 'team_a' : 'team_b';
    const winnerSide = this.sideOf(winnerTeam);
    const loserTeam: TeamKey = winnerTeam === 'team_a' ? 'team_b' : 'team_a';
    const planted = winnerSide === 'T' ? this.dice.next() < 0.55 : this.dice.next() < 0.35;
    const reason = planted ? (winnerSide === 'T' ? 'bomb_exploded' : 'bomb_defused') : winnerSide === 'CT' && this.dice.next() < 0.15 ? 'time' : 'elimination';
    const loserDeaths = reason === 'elimination' ? 5 : this.dice.between(1, 4);
    const winnerDeaths = this.dice.between(0, reason === 'elimination' ? 4 : 3);
    const order = this.shuffled([...Array<TeamKey>(loserDeaths).fill(loserTeam), ...Array<TeamKey>(winnerDeaths).fill(winnerTeam)]);
    // An eliminated side loses its last player in the round's last kill.
    if (reason === 'elimination') {
      const lastLoser = order.lastIndexOf(loserTeam);
      [order[lastLoser], order[order.length - 1]] = [order[order.length - 1] as TeamKey, loserTeam];
    }
    const plantAfter = planted ? this.dice.between(0, order.length) : -1;

    for (let k = 0; k <= order.length; k++) {
      if (k === plantAfter) yield* this.plant(roundMarket);
      const victimTeam = order[k];
      if (victimTeam === undefined) break;
      yield this.dice.between(2_000, 12_000);
      yield this.kill(victimTeam);
    }

    yield this.dice.between(3_000, 10_000);

    const endEvents: Cs2Event[] = [];
    if (reason === 'bomb_defused') {
      const defuser = this.alivePlayers(this.teamOnSide('CT'))[0];
      endEvents.push(this.event('event.bomb_defused', { match_id: this.id, round_number: n, player: defuser?.name ?? null }));
    } else if (reason === 'bomb_exploded') {
      endEvents.push(this.event('event.bomb_exploded', { match_id: this.id, round_number: n }));
    }
    if (winnerTeam === 'team_a') this.scoreA++;
    else this.scoreB++;
    endEvents.push(
      this.event('round.finished', {
        match_id: this.id,
        round_number: n,
        winner_side: winnerSide,
        winner_team: winnerTeam,
        reason,
        score_a: this.scoreA,
        score_b: this.scoreB,
      }),
      ...this.settle(roundMarket, winnerTeam),
      this.event('match.updated', this.matchData()),
    );
    winnerMarket.probabilityA = this.matchWinChanceA();
    endEvents.push(this.event('market.updated', this.marketData(winnerMarket)), this.event('scoreboard.frame', this.scoreboardData()));
    yield endEvents;
  }

  private *plant(roundMarket: Market): Generator<MatchStep, void, void> {
    yield this.dice.between(5_000, 20_000);
    const planter = this.alivePlayers(this.teamOnSide('T'))[0];
    roundMarket.status = 2;
    yield [
      this.event('event.bomb_planted', { match_id: this.id, round_number: this.roundNumber, player: planter?.name ?? null, site: this.dice.pick(['A', 'B']) }),
      this.event('market.suspended', this.marketData(roundMarket)),
    ];
    yield 2_000;
    roundMarket.status = 1;
    roundMarket.probabilityA = this.sideOf('team_a') === 'T' ? 0.7 : 0.3;
    yield [this.event('market.unsuspended', this.marketData(roundMarket))];
  }

  private kill(victimTeam: TeamKey): Cs2Event[] {
    const victim = this.dice.pick(this.alivePlayers(victimTeam));
    const killers = this.alivePlayers(victimTeam === 'team_a' ? 'team_b' : 'team_a');
    if (victim === undefined || killers.length === 0) return [];
    const killer = this.dice.pick(killers);
    victim.alive = false;
    victim.deaths++;
    killer.kills++;
    return [
      this.event('event.kill', {
        match_id: this.id,
        round_number: this.roundNumber,
        killer: killer.name,
        killer_team: killer.team,
        victim: victim.name,
        victim_team: victim.team,
        weapon: this.dice.pick(WEAPONS),
        headshot: this.dice.next() < 0.45,
      }),
      this.event('scoreboard.frame', this.scoreboardData()),
    ];
  }

  private finish(winnerMarket: Market): Cs2Event[] {
    this.status = 'finished';
    this.finishedAt = this.now();
    this.winner = this.scoreA > this.scoreB ? 'team_a' : 'team_b';
    return [this.event('match.finished', this.matchData()), ...this.settle(winnerMarket, this.winner)];
  }

  private openMarket(id: string, name: string, kind: Market['kind'], roundNumber: number | null, probabilityA: number): Market {
    const market: Market = { id, name, kind, roundNumber, status: 1, probabilityA };
    this.markets.set(id, market);
    return market;
  }

  /** One settlement per outcome; the market leaves the open state. */
  private settle(market: Market, winner: TeamKey): Cs2Event[] {
    this.markets.delete(market.id);
    return (['team_a', 'team_b'] as const).map((outcome) =>
      this.event('bet_settlement', {
        id: `${market.id}-${outcome}`,
        match_id: this.id,
        market_id: market.id,
        outcome,
        result: outcome === winner ? 'won' : 'lost',
        settled_at: this.now(),
      }),
    );
  }

  private shuffled<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.dice.between(0, i);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }

  private matchWinChanceA(): number {
    const lead = this.scoreA - this.scoreB;
    const toPlay = ROUNDS_TO_WIN * 2 - 1 - this.roundNumber;
    return 1 / (1 + Math.exp(-(lead * 3) / Math.sqrt(toPlay + 1) - (this.strengthA - 0.5) * 4));
  }

  private sideOf(team: TeamKey): Side {
    const firstHalf = this.roundNumber <= 12;
    return (team === 'team_a') === firstHalf ? 'CT' : 'T';
  }

  private teamOnSide(side: Side): TeamKey {
    return this.sideOf('team_a') === side ? 'team_a' : 'team_b';
  }

  private alivePlayers(team: TeamKey): Player[] {
    return this.players.filter((player) => player.team === team && player.alive);
  }

  private event(type: Cs2FrameType, data: Record<string, unknown>): Cs2Event {
    return { type, matchId: this.id, data };
  }

  private now(): string {
    return new Date(this.clockMs).toISOString();
  }
}
