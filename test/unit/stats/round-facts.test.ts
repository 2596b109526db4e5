import { describe, expect, it } from 'vitest';
import { bonusBucket, centsOf, roundFacts } from '../../../src/main/core/stats/round-facts';
import { NO_FACTS } from '../../../src/main/core/stats/round-facts-types';
import { gameInfo } from '../../../src/shared/games';
import { sample, type SampledRound } from '../../sim/games/sample';

// Round facts read from the rows the sandbox writes exactly as the real feed shapes them; each
// expectation is derived independently from the row parsed whole (round_index kept as text).

function factsOf(slug: string, round: SampledRound, segment: string | null = null) {
  const units = Math.round(Number(round.record.multiplier) * 10_000);
  return roundFacts(slug, gameInfo(slug).kind, round.record.json, segment, units);
}

function unitsOf(round: SampledRound): number {
  return Math.round(Number(round.record.multiplier) * 10_000);
}

const CRAZY_TIME_BONUSES = new Set(['coinflip', 'cashhunt', 'pachinko', 'crazytime']);

describe('round facts', () => {
  it('a crash round gives its crowd totals in exact cents, and no events', () => {
    for (const round of sample('stake-crash', 'facts', 500)) {
      const facts = factsOf('stake-crash', round);
      expect(facts.events).toEqual([]);
      expect(facts.sums).toEqual([]);
      expect(facts.bets).toEqual({
        volumeCents: Math.round((round.raw.totalBetAmount as number) * 100),
        payoutCents: Math.round((round.raw.totalAmount as number) * 100),
        bettors: round.raw.bettorsCount,
        winners: round.raw.totalWinners,
      });
    }
  });

  it('crash amounts are read as decimal text, quoted or not, without float drift', () => {
    const row =
      '{"round_index":7393228772258146753,"round_id":"a","multiplier":"4.7100","random_number":null,"state":"finalized",' +
      '"finalized_at":"2026-06-01T12:20:27Z","observed_at":"2026-06-01T12:20:28.580645Z","raw":{"result":{"maxMultiplier":4.71},' +
      '"totalAmount": "1234.56","bettorsCount":12,"totalWinners":3,"totalBetAmount":0.29}}';
    expect(roundFacts('stake-crash', 'crash', row, null, 47_100).bets).toEqual({ volumeCents: 29, payoutCents: 123_456, bettors: 12, winners: 3 });
    expect(centsOf('0.29')).toBe(29);
    expect(centsOf('25825.0')).toBe(2_582_500);
    expect(centsOf('1.005')).toBe(101);
    expect(centsOf('7')).toBe(700);
    const noBets = row.replace(',"totalBetAmount":0.29', '');
    expect(roundFacts('stake-crash', 'crash', noBets, null, 47_100)).toEqual(NO_FACTS);
  });

  it('a Crazy Time spin gives its segment, multiplier sum, Top Slot and bonus bucket', () => {
    let matches = 0;
    let bonuses = 0;
    for (const round of sample('crazytime', 'facts', 3_000)) {
      const segment = round.raw.segment as string;
      const slot = typeof round.raw.slot_result === 'number' ? `n${round.raw.slot_result}` : (round.raw.slot_result as string);
      const multiplier = round.raw.slot_multiplier as number;
      const expected = [`seg:${segment}`];
      if (CRAZY_TIME_BONUSES.has(segment)) {
        expected.push(`bonus:${segment}:${bonusBucket(unitsOf(round))}`);
        bonuses += 1;
      }
      expected.push(`slot:${slot}`, `slotmult:${multiplier}`);
      if (slot === segment) {
        expected.push('slothit', `slothitmult:${multiplier}`);
        matches += 1;
      }
      const facts = factsOf('crazytime', round);
      expect(facts.events).toEqual(expected);
      expect(facts.sums).toEqual([[`segunits:${segment}`, unitsOf(round)]]);
      expect(facts.bets).toBeNull();
    }
    expect(matches).toBeGreaterThan(100);
    expect(bonuses).toBeGreaterThan(300);
  });

  it('the segment argument wins over raw.segment', () => {
    const [round] = sample('crazytimea', 'facts', 1);
    expect(factsOf('crazytimea', round!, 'n10').events[0]).toBe('seg:n10');
  });

  it('bonus results fall in log buckets with inclusive lower bounds', () => {
    expect([9.9999, 10, 24.9999, 25, 50, 100, 250, 500, 999.9999, 1000, 20_000].map((x) => bonusBucket(Math.round(x * 10_000)))).toEqual([
      'lt10', '10-25', '10-25', '25-50', '50-100', '100-250', '250-500', '500-1000', '500-1000', '1000+', '1000+',
    ]);
  });

  it('MONOPOLY Live Chance cards say cash or multiplier; 2/4 Rolls get bonus buckets', () => {
    const seen = new Set<string>();
    for (const round of sample('monopolylive', 'facts', 2_000)) {
      const segment = round.raw.segment as string;
      const events = factsOf('monopolylive', round).events;
      if (segment === 'chance') {
        const kind = (round.raw.bonus_data as { chance: string }).chance;
        expect(events).toEqual([`seg:chance`, `bonus:chance:${bonusBucket(unitsOf(round))}`, `chance:${kind}`]);
        seen.add(kind);
      } else if (segment.endsWith('rolls')) {
        expect(events).toEqual([`seg:${segment}`, `bonus:${segment}:${bonusBucket(unitsOf(round))}`]);
      } else {
        expect(events).toEqual([`seg:${segment}`]);
      }
    }
    expect([...seen].sort()).toEqual(['cash', 'multiplier']);
  });

  it('Dream Catcher numbers won with 2×/7× stacked carry the product', () => {
    let stacked = 0;
    for (const round of sample('dreamcatcher', 'facts', 4_000)) {
      const segment = round.raw.segment as string;
      const pending = round.raw.pending_multiplier as number;
      const events = factsOf('dreamcatcher', round).events;
      if (segment.startsWith('n') && pending > 1) {
        expect(events).toEqual([`seg:${segment}`, `stack:${pending}`]);
        expect(unitsOf(round)).toBe(Number(segment.slice(1)) * pending * 10_000);
        stacked += 1;
      } else {
        expect(events).toEqual([`seg:${segment}`]);
      }
    }
    expect(stacked).toBeGreaterThan(80);
  });

  it('Lightning Storm numbers give their bonus type, its outcome bucket and the boost', () => {
    for (const round of sample('lightningstorm', 'facts', 1_000)) {
      const segment = round.raw.segment as string;
      const events = factsOf('lightningstorm', round).events;
      if (segment === 'leaf') {
        expect(events).toEqual(['seg:leaf']);
        continue;
      }
      const type = (round.raw.outcome as string).toLowerCase();
      const boost = (round.raw.wheel_result as { wheelSector: { multiplier: number } }).wheelSector.multiplier;
      expect(events).toEqual([`seg:${segment}`, `bonustype:${type}`, `bonus:${type}:${bonusBucket(unitsOf(round))}`, ...(boost > 1 ? [`boost:${boost}`] : [])]);
    }
  });

  it('Ice Fishing gives leaf multipliers, fishing buckets and boosts', () => {
    for (const round of sample('icefishing', 'facts', 1_000)) {
      const segment = round.raw.segment as string;
      const events = factsOf('icefishing', round).events;
      const segmentMultiplier = round.raw.segment_multiplier as number;
      if (segment.startsWith('leaf')) {
        expect(events).toEqual([`seg:${segment}`, ...(segmentMultiplier > 1 ? [`leafmult:${segmentMultiplier}`] : [])]);
      } else {
        const boost = (round.raw.bonus_data as { boost: number }).boost;
        expect(events).toEqual([`seg:${segment}`, `bonus:${segment}:${bonusBucket(unitsOf(round))}`, ...(boost > 1 ? [`boost:${boost}`] : [])]);
      }
    }
  });

  it('MONOPOLY Big Baller gives its 20 balls, Chance multipliers and 3/5 Rolls buckets', () => {
    for (const round of sample('monopolybigballer', 'facts', 500)) {
      const segment = round.raw.segment as string;
      const balls = (round.raw.balls as number[]).map((ball) => `ball:${ball}`);
      const chances = (round.raw.chance_multipliers as number[]).map((m) => `chancemult:${m}`);
      const bonus = segment === 'none' ? [] : [`bonus:${segment}:${bonusBucket(unitsOf(round))}`];
      expect(factsOf('monopolybigballer', round).events).toEqual([`seg:${segment}`, ...bonus, ...balls, ...chances]);
      expect(balls).toHaveLength(20);
    }
  });

  it('a Lightning Dice round gives its total, strikes, multipliers and whether the total was struck', () => {
    let struckWins = 0;
    for (const round of sample('lightningdice', 'facts', 3_000)) {
      const total = round.raw.total as number;
      const lightning = round.raw.lightning as { total: number; multiplier: number }[];
      const win = lightning.find((strike) => strike.total === total);
      const expected = [`total:${total}`, `strikes:${lightning.length}`, ...lightning.flatMap((s) => [`strike:${s.total}`, `lightning:${s.multiplier}`])];
      if (win) {
        expected.push('struckwin', `struckwinmult:${win.multiplier}`);
        expect(round.raw.is_lightning).toBe(true);
        struckWins += 1;
      }
      expect(factsOf('lightningdice', round).events).toEqual(expected);
    }
    expect(struckWins).toBeGreaterThan(200);
  });

  it('a Lightning Roulette spin gives its pocket, lucky numbers and a lucky hit', () => {
    let hits = 0;
    for (const round of sample('lightningroulette', 'facts', 3_000)) {
      const pocket = round.raw.result as number;
      const lucky = round.raw.lucky_numbers as { number: number; multiplier: number }[];
      const hit = lucky.find((entry) => entry.number === pocket);
      const expected = [`pocket:${pocket}`, `luckycount:${lucky.length}`, ...lucky.map((entry) => `lucky:${entry.multiplier}`)];
      if (hit) {
        expected.push('luckyhit', `luckyhitmult:${hit.multiplier}`);
        expect(round.record.multiplier).toBe(`${hit.multiplier}.0000`);
        hits += 1;
      }
      expect(factsOf('lightningroulette', round).events).toEqual(expected);
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('unknown kinds, slides and unreadable payloads give no facts, never an error', () => {
    const [slide] = sample('slide', 'facts', 1);
    expect(factsOf('slide', slide!)).toEqual(NO_FACTS);
    const [ct] = sample('crazytime', 'facts', 1);
    expect(roundFacts('crazytime', 'wheel-of-2030', ct!.record.json, null, 10_000)).toEqual(NO_FACTS);
    const head = '{"round_index":7393228772258146753,"round_id":"x","multiplier":"2.0000","state":"finalized","finalized_at":"2026-06-01T12:20:27Z"';
    for (const json of [`${head},"raw":null}`, `${head},"raw":{"segment":"n2",}`, `${head}}`, `${head},"raw":[1,2]}`, '', '{"raw":']) {
      expect(roundFacts('crazytime', 'wheel-show', json, null, 20_000)).toEqual(NO_FACTS);
      expect(roundFacts('lightningdice', 'dice-show', json, null, 20_000)).toEqual(NO_FACTS);
      expect(roundFacts('lightningroulette', 'roulette-show', json, null, 20_000)).toEqual(NO_FACTS);
    }
    expect(roundFacts('crazytime', 'wheel-show', `${head},"raw":{"source":"tracksino"}}`, null, 20_000)).toEqual(NO_FACTS);
  });

  it('a stream frame (game_id first, whitespace between members) reads the same as the row', () => {
    const [round] = sample('crazytime', 'frame', 1);
    const frame = `{"game_id":"crazytime", ${round!.record.json.slice(1).replace('"raw":', '"raw" : ')}`;
    expect(roundFacts('crazytime', 'wheel-show', frame, null, unitsOf(round!))).toEqual(factsOf('crazytime', round!));
  });

  it('keeps up with bulk ingest: 20,000 crash and 20,000 show rounds well within a second each', () => {
    for (const slug of ['stake-crash', 'crazytime']) {
      const rounds = sample(slug, 'speed', 20_000);
      const kind = gameInfo(slug).kind;
      const started = performance.now();
      for (const round of rounds) roundFacts(slug, kind, round.record.json, null, 10_000);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
