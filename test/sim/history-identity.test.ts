import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findGame, simulatedSlugs } from '../../src/sim/games/catalog';
import { settle } from '../../src/sim/sandbox-settings';

// Histories are generated through fast paths (rows written as bytes, stretches of fixed-width
// fields, round hashes computed ahead by a worker). The digests below were computed from the
// straightforward code before any of them existed (rows built as strings, every hash computed in
// turn): a seed must keep giving exactly those rows.

/** SHA-256 over every record's fields and row text, some rows' bytes and bets, and the log's state after. */
function historyDigest(slug: string, seed: string, rounds: number, speed: number, epochMs: number): string {
  const log = findGame(slug)!.openLog({ seed, epochMs, speed });
  // In three runs, as a start-up history and the timers after it write them.
  log.finishCount(Math.floor(rounds / 3));
  log.finishCount(Math.floor(rounds / 3) + 1);
  log.finishCount(rounds);
  const digest = createHash('sha256');
  const records = log.records;
  for (let n = 0; n < records.length; n++) {
    const r = records[n]!;
    digest.update(`${r.game}|${r.roundId}|${r.roundIndex}|${r.multiplier}|${r.finalizedAtMs}|${r.json}\n`);
    if (n % 997 === 0) {
      expect(log.rowBytes(n).equals(Buffer.from(r.json))).toBe(true);
      digest.update(JSON.stringify(log.bets(n)));
    }
  }
  const added = log.finishDue(log.nextFinishMs + 100_000);
  digest.update(`${log.lastObservedAt}|${log.nextFinishMs}|${added}|${log.runningRowJson()}|${records.length}`);
  digest.update(records.at(-1)!.json);
  return digest.digest('hex');
}

/** 20,000 rounds from seed 'ref-seed' at speed 1 from 2026-05-28 (days turn, workers hash ahead). */
const LONG: Readonly<Record<string, string>> = {
  'stake-crash': '862408867281f2e3aba9474873dba46000f1a8459fda024bc4006f62a374da99',
  'duel-crash': '96243e86945fa2172064115a33f34c4945145d49b401e8888d95834de379c4a7',
  'shuffle-crash': '80e070f592b3fb3d20717893210761383fcf1bc1b562c89363029dd137ac4c18',
  crash: 'e8011fdd4b02f9724f97b408c970a5e8ce5fa29ce58b653ee4c654b5d9432046',
  'stake-slide': '23232a56a53c748ad533daf4f677547253b007ee9c61e5d3b0c6f6fe86b36efe',
  slide: 'd8a0b557efaf3704c9ca7f0b9d8f07812d082c47e836b7621657b7bf66e1d307',
  crazytime: '54606d2fe16f6ed2555fe65774f09ded456cdc21234f7ddd3c4b9d92ad236d40',
  dreamcatcher: '667d914be9923bba7e1cd183576cf3296b1380620efc353f87ac3f69c2387386',
  lightningstorm: 'f856988ef434be76f46cfa115456bf79079da5c8e1edf4bba75cac77e2bd5c7a',
};

/** 3,000 rounds from seed 'ref-seed-2' at speed 37 (fractional times inside raw) from an odd epoch. */
const FAST: Readonly<Record<string, string>> = {
  'stake-crash': '909b7e5a83d61ef89ce2bb6e05ee45b21474f67a2a8bfe068e745ac977de66a0',
  'duel-crash': '57d30d1f6ce9d90feef698798c215bad4662c7714d09ed5d7e091709e9ef3539',
  'shuffle-crash': '92df7537030ecd8670e2f7218969ec15d4794cc548abf2c42d9ed3f79d677eba',
  crash: '61ea1f4dd1dd4f844c819f2362df0f794df0a1db2ffbe96d8cab033b92f68eb1',
  'stake-slide': '752001894c6f69b423a0a0c8400b88e2931283977acb2a549ad9405cca8b4499',
  slide: '0e756f4d7afbf26d671f463510eb62e5d90673b21913e91f66c682bb3dcc72f0',
  crazytime: 'db54dd4ed90656295c6fbc0f8f245e324ff3b14404dad5cd970603dbe806b8c2',
  crazytimea: 'ad9d718a26b4035f484b6ad907adfe1a842780af71f850a9ffe68d59d88a87e4',
  monopolylive: 'b27075da16ab62ec9ad4f55f423adb88ae0d8872bac60679fe347ce303f21506',
  monopolybigballer: '2db33b184705f0c3fbb6b01d3c6628c5b6b88b77d8e9563f870bc18b6fde2c3b',
  dreamcatcher: 'c5730b6391d17f4ab34a14f4f06a666a023051a1d69259ef5b43c7ae03749bb8',
  lightningstorm: '2fddef9d0278a96c6c47ded003ad0a62308273e51f24b9e78f27853607d65f3e',
  icefishing: '56ab89f860bf7712a83bca3706594e6b7763ac19fe08441d1da7c0ee89498a99',
  lightningdice: '1de130a2f6bc8bec387c1c13831756e7a4e73eaad475399b3115d5d9fd9536a2',
  lightningroulette: '915998afa4987bf650826230cf26ebf9f042a1cf22aab001e98eee297c4a62f3',
};

describe('a seed’s history', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is byte for byte what string-built rows gave, long histories hashed ahead included', { timeout: 120_000 }, () => {
    expect(Object.keys(FAST).sort()).toEqual([...simulatedSlugs()].sort());
    for (const [slug, expected] of Object.entries(LONG)) {
      expect(historyDigest(slug, 'ref-seed', 20_000, 1, 1_780_000_000_000), slug).toBe(expected);
    }
  });

  it('is byte for byte what string-built rows gave at another speed, for every game', { timeout: 60_000 }, () => {
    for (const [slug, expected] of Object.entries(FAST)) {
      expect(historyDigest(slug, 'ref-seed-2', 3_000, 37, 1_780_000_123_457), slug).toBe(expected);
    }
  });

  it('given in rounds, starts as long before now as it did', () => {
    const nowMs = 1_790_000_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(nowMs);
    const spanMs = (historyRounds: number): number => nowMs - settle({ seed: 'bench-history', games: ['stake-crash'], historyRounds }).epochMs;
    expect(spanMs(1)).toBe(0);
    expect(spanMs(2)).toBe(17_616);
    expect(spanMs(1_000)).toBe(23_666_735);
    expect(spanMs(50_000)).toBe(1_198_671_450);
    expect(spanMs(50_001)).toBe(1_198_695_424);
    expect(spanMs(1_000_000)).toBe(23_973_884_505);
    // The default games, Crazy Time's rounds the longer.
    expect(nowMs - settle({ seed: 'ref', historyRounds: 70_000 }).epochMs).toBe(3_955_825_035);
  });
});
