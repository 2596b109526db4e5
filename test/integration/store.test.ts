import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Round } from '../../src/main/core/round';
import { openDatabase } from '../../src/main/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { History } from '../../src/main/core/store/history';
import { RoundWriter } from '../../src/main/core/store/round-writer';
import type { Batch } from '../../src/main/core/store/history';
import { StoreError } from '../../src/main/core/store/store-error';
import { useTempDir } from '../support/temp-dir';

function round(n: number, game = 'stake-crash'): Round {
  const finalizedUs = 1_780_000_000_000_000 + n * 15_000_000;
  return {
    game,
    roundId: `r${n}`,
    roundIndex: 7_393_228_772_258_146_753n + BigInt(n),
    multiplier: '2.0100',
    finalizedAt: new Date(finalizedUs / 1000).toISOString(),
    finalizedUs,
    segment: null,
    json: `{"round_index":${7_393_228_772_258_146_753n + BigInt(n)},"round_id":"r${n}"}`,
  };
}

describe('the local history', () => {
  let dir: ReturnType<typeof useTempDir>;
  let file: string;
  beforeEach(() => {
    dir = useTempDir();
    file = join(dir.path, 'history.sqlite');
  });
  afterEach(() => dir.remove());

  it('creates the schema once, in WAL mode, and records its version', () => {
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('creates a new history with 16 KiB pages', () => {
    openDatabase(file).close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // The WAL is checkpointed after as many bytes as with 4 KiB pages, not four times as many.
    const opened = openDatabase(file);
    expect(opened.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    opened.close();
  });

  it('keeps the 4 KiB pages of a history made by an older Roundlog, and still migrates and writes it', () => {
    // As Roundlog left it before 16 KiB pages: SQLite's default page size, WAL, an older schema.
    const old = new BetterSqlite3(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    for (const [version, step] of MIGRATIONS.slice(0, 2).entries()) {
      step(old);
      old.pragma(`user_version = ${version + 1}`);
    }
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(new History(db, () => 'crash').commit(batch([round(1), round(2)]))).toHaveLength(2);
    db.close();
    const reopened = openDatabase(file);
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare('SELECT count(*) FROM rounds').pluck().get()).toBe(2);
    reopened.close();
  });

  it('leaves the page size of a file that has pages but no schema yet', () => {
    // A file SQLite already wrote (WAL set) before its first migration committed.
    const early = new BetterSqlite3(file);
    early.pragma('page_size = 4096');
    early.pragma('journal_mode = WAL');
    early.close();
    const db = openDatabase(file);
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer Roundlog and leaves it untouched', () => {
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(StoreError);
    expect(() => openDatabase(file)).toThrow(/newer version of Roundlog/);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const after = new BetterSqlite3(file);
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'rounds'").get()).toEqual({ n: 0 });
    after.close();
  });

  it('rolls back a migration that fails, keeping the previous version', () => {
    const failing = [
      (db: BetterSqlite3.Database) => db.exec('CREATE TABLE a (x)'),
      (db: BetterSqlite3.Database) => {
        db.exec('CREATE TABLE b (x)');
        throw new Error('migration 2 broke');
      },
    ];
    expect(() => openDatabase(file, { migrations: failing })).toThrow('migration 2 broke');
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").all()).toEqual([{ name: 'a' }]);
    db.close();
  });

  const batch = (rounds: Round[], coverage: Batch['coverage'] = []): Batch => ({ rounds, coverage, quarantine: [] });

  it('stores a round seen twice once, and reads round_index back exactly', () => {
    const db = openDatabase(file);
    const history = new History(db, () => 'crash');
    expect(history.commit(batch([round(1), round(2)]))).toHaveLength(2);
    expect(history.commit(batch([round(2), round(3), round(1)])).map((r) => r.roundId)).toEqual(['r3']);
    expect(history.rounds.countRounds('stake-crash')).toBe(3);
    expect(history.rounds.recentRounds('stake-crash', 1)[0]!.roundIndex).toBe('7393228772258146756');
    db.close();
  });

  it('merges the spans a game’s history is complete over, and only ever extends the newest forward', () => {
    const db = openDatabase(file);
    const history = new History(db, () => 'crash');
    const edge = (n: number) => ({ us: round(n).finalizedUs, index: round(n).roundIndex });
    const span = (from: number, through: number) => ({ fromUs: edge(from).us, fromIndex: edge(from).index, throughUs: edge(through).us, throughIndex: edge(through).index, atStart: false });
    history.commit(batch([], [{ game: 'stake-crash', span: span(10, 20) }, { game: 'stake-crash', span: span(1, 5) }]));
    expect(history.spansOf('stake-crash')).toEqual([span(10, 20), span(1, 5)]);
    history.commit(batch([], [{ game: 'stake-crash', span: span(5, 10) }]));
    expect(history.spansOf('stake-crash')).toEqual([span(1, 20)]);
    history.commit(batch([], [{ game: 'stake-crash', extend: edge(30) }, { game: 'stake-crash', extend: edge(25) }]));
    expect(history.spansOf('stake-crash')).toEqual([span(1, 30)]);
    expect(history.spansOf('crazytime')).toEqual([]);
    db.close();
  });

  it('tells subscribers of a round only once another connection can read it', async () => {
    const db = openDatabase(file);
    const writer = new RoundWriter(new History(db, () => 'crash'));
    const reader = new BetterSqlite3(file, { readonly: true });
    const seenByReader: number[] = [];
    writer.committed.on((rounds) => {
      seenByReader.push((reader.prepare('SELECT count(*) AS n FROM rounds').get() as { n: number }).n);
      expect(rounds.length).toBeGreaterThan(0);
    });
    writer.enqueue([round(1)]);
    writer.enqueue([round(2), round(1)]);
    await writer.idle();
    writer.enqueue([round(2)]);
    await writer.idle();
    // Both enqueues of one turn commit together; the duplicate batch announces nothing.
    expect(seenByReader).toEqual([2]);
    reader.close();
    db.close();
  });

  it('commits a live round at once even behind waiting backfill pages, and commits both', async () => {
    const db = openDatabase(file);
    const writer = new RoundWriter(new History(db, () => 'crash'));
    const batches: string[][] = [];
    writer.committed.on((rounds) => batches.push(rounds.map((r) => r.roundId)));
    writer.enqueue([round(1), round(2)], { bulk: true });
    writer.enqueue([round(3)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['r1', 'r2', 'r3']]);
    writer.enqueue([round(4)], { bulk: true });
    writer.enqueue([round(5)]);
    writer.enqueue([round(6)], { bulk: true });
    await writer.idle();
    expect(batches.flat()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    db.close();
  });

  it("commits a poll's page (the live path of a Starter key) at once, not after the backfill's wait", async () => {
    const db = openDatabase(file);
    const writer = new RoundWriter(new History(db, () => 'crash'));
    const batches: string[][] = [];
    writer.committed.on((rounds) => batches.push(rounds.map((r) => r.roundId)));
    writer.enqueue([round(1), round(2)], { bulk: true, live: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['r1', 'r2']]);
    writer.enqueue([round(3)], { bulk: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([['r1', 'r2']]); // a backfill page waits for company
    await writer.idle();
    expect(batches.flat()).toEqual(['r1', 'r2', 'r3']);
    db.close();
  });

  it('commits backfill pages as soon as 8,000 rounds are queued, without waiting for more', () => {
    const db = openDatabase(file);
    const writer = new RoundWriter(new History(db, () => 'crash'));
    const sizes: number[] = [];
    writer.committed.on((rounds) => sizes.push(rounds.length));
    const rounds = Array.from({ length: 8_000 }, (_, n) => round(n + 1));
    writer.enqueue(rounds.slice(0, 7_999), { bulk: true });
    expect(sizes).toEqual([]);
    writer.enqueue(rounds.slice(7_999), { bulk: true });
    expect(sizes).toEqual([8_000]); // in the same call: a live frame never waits behind more
    writer.dispose();
    db.close();
  });

  it('keeps every round of a failed commit and lets no span claim them until they are stored', async () => {
    const db = openDatabase(file);
    db.pragma('busy_timeout = 0');
    const history = new History(db, () => 'crash');
    const store = history.rounds;
    const writer = new RoundWriter(history);
    const proven = { fromUs: round(1).finalizedUs, fromIndex: round(1).roundIndex, throughUs: round(2).finalizedUs, throughIndex: round(2).roundIndex, atStart: false };
    const failures: (string | null)[] = [];
    writer.failures.on((error) => failures.push(error ? error.message : null));
    const other = new BetterSqlite3(file);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock: our commits fail with SQLITE_BUSY

    writer.enqueue([round(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    writer.enqueue([round(2)], { coverage: { game: 'stake-crash', span: proven } });
    expect(failures).toEqual([expect.stringContaining('SQLITE_BUSY')]);
    expect(writer.backlog).toBe(2);
    expect(history.spansOf('stake-crash')).toEqual([]);

    other.exec('COMMIT');
    writer.flush();
    expect(failures).toEqual([expect.any(String), null]);
    expect(store.countRounds('stake-crash')).toBe(2);
    expect(history.spansOf('stake-crash')).toEqual([proven]);
    writer.dispose();
    other.close();
    db.close();
  });
});

