import { describe, expect, it } from 'vitest';
import { parseRoundPage } from '../../src/main/core/sources/trackersino/round-page';
import { parseRoundFrame, RowError } from '../../src/main/core/sources/trackersino/round-row';

// The seed's own examples, as upstream sends them.
const CRASH_ROW = `{
"round_index": 7393228772258146753,
"round_id": "cc0706c3f891d301fcec3855",
"multiplier": "4.7100",
"random_number": null,
"state": "finalized",
"time_spin_stop": "2026-06-01T12:20:27Z",
"finalized_at": "2026-06-01T12:20:27Z",
"observed_at": "2026-06-01T12:20:28.580645Z",
"raw": { "result": { "rtp": 196.23, "maxMultiplier": 4.71, "roundDuration": 25825.0 }, "source": "casino.org", "round_id": "cc0706c3f891d301fcec3855", "totalAmount": 13609.24 }
}`;
const WHEEL_ROW = `{"round_index": 68099814944532018, "round_id": "cdHphY2_tby8", "multiplier": "4.0000", "random_number": 2, "state": "finalized", "finalized_at": "2026-06-01T12:19:36Z", "raw": {"segment": "n2", "slot_multiplier": 2}}`;

describe('round rows', () => {
  it('keeps round_index exact and the row text exactly as sent', () => {
    const { rounds, rejected } = parseRoundPage('stake-crash', `[${CRASH_ROW}]`);
    expect(rejected).toEqual([]);
    expect(rounds[0]!.roundIndex).toBe(7393228772258146753n);
    expect(rounds[0]!.multiplier).toBe('4.7100');
    expect(rounds[0]!.json).toBe(CRASH_ROW);
    expect(rounds[0]!.json).toContain('"roundDuration": 25825.0');
  });

  it('reads a stream frame, resolving the Roobet alias and the wheel segment', () => {
    const frame = `{"game_id":"roobet-crash",${CRASH_ROW.slice(1)}`;
    expect(parseRoundFrame(frame).game).toBe('crash');
    const wheel = parseRoundFrame(`{"game_id":"crazytime",${WHEEL_ROW.slice(1)}`);
    expect(wheel.segment).toBe('n2');
    expect(wheel.roundIndex).toBe(68099814944532018n);
  });

  it('refuses malformed frames with a reason instead of crashing', () => {
    expect(() => parseRoundFrame('{"game_id":')).toThrow(RowError);
    expect(() => parseRoundFrame('{"round_id":"x"}')).toThrow(/game_id/);
    expect(() => parseRoundFrame('{"game_id":')).toThrow(expect.objectContaining({ mayHideRound: true }));
    expect(() => parseRoundFrame('{"game_id":"stake-crash","round_id":"x","multiplier":"abc","state":"finalized","finalized_at":"2026-06-01T12:19:36Z"}')).toThrow(/multiplier/);
    expect(() => parseRoundFrame('{"game_id":"stake-crash","round_id":"x","multiplier":"2.00","state":"finalized","finalized_at":"soon"}')).toThrow(/finalized_at/);
  });

  it('tells a message that is not a round, or not finalised yet, from one that may hide a round', () => {
    expect(() => parseRoundFrame('{"type":"heartbeat"}')).toThrow(expect.objectContaining({ mayHideRound: false }));
    expect(() => parseRoundFrame('{"game_id":"stake-crash","round_id":"x","multiplier":null,"state":"running","finalized_at":null}')).toThrow(
      expect.objectContaining({ mayHideRound: false }),
    );
    expect(() => parseRoundFrame('{"game_id":"stake-crash","round_id":"x","multiplier":null,"state":"finalized","finalized_at":null}')).toThrow(
      expect.objectContaining({ mayHideRound: true }),
    );
    expect(() =>
      parseRoundFrame('{"game_id":"stake-crash","round_id":"x","multiplier":"1.0000","state":"running","finalized_at":"2026-06-01T12:19:36Z"}'),
    ).toThrow(expect.objectContaining({ mayHideRound: false }));
  });

  it('sets aside a bad row of a page and keeps the good ones', () => {
    const { rounds, rejected } = parseRoundPage('crazytime', `[${WHEEL_ROW}, {"round_id": 5}]`);
    expect(rounds).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.text).toBe('{"round_id": 5}');
  });
});
