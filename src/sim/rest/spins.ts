import { ApiError, quoted } from '../api-error';
import type { SimRoundRecord } from '../round-log';
import { parseLimit } from '../rounds-params';
import { rawOf, rawString, type RawPayload } from '../stats/round-facts';
import { wheelSegments } from '../../shared/game-law/wheel-law';
import { recordAt, windowSpan, type GameRequest } from './game-request';

// /spins: /rounds rows with segment, sector and multiplier_text decoded from raw, appended as the
// row's last keys. /round/{round_id}: one stored row, raw (and its bonus payload) in full.
//
// sector is the label the wheel shows for the spin: raw.sector when upstream sends one, else
// Lightning Storm's raw.wheel_result.wheelSector.type, else the published label of the segment
// code (Crazy Time `n2` → "2", `cashhunt` → "Cash Hunt"), else the segment code itself. Games
// without segments (crash, dice, roulette) are served too, with segment and sector null.

const SPINS_DEFAULT_LIMIT = 100;

function sectorOf(raw: RawPayload, segment: string | null, slug: string): string | null {
  const direct = rawString(raw, 'sector');
  if (direct !== null) return direct;
  const wheel = raw.wheel_result as { wheelSector?: { type?: unknown } } | undefined;
  if (typeof wheel?.wheelSector?.type === 'string') return wheel.wheelSector.type;
  if (segment === null) return null;
  return wheelSegments(slug).find((entry) => entry.code === segment)?.label ?? segment;
}

/** `"4.71x"`, `"2x"`: upstream's own multiplier_text when raw has one. */
function multiplierTextOf(raw: RawPayload, record: SimRoundRecord): string {
  return rawString(raw, 'multiplier_text') ?? `${Number(record.multiplier)}x`;
}

export function spinRowJson(record: SimRoundRecord, slug: string): string {
  const raw = rawOf(record);
  const segment = rawString(raw, 'segment');
  const sector = sectorOf(raw, segment, slug);
  return (
    `${record.json.slice(0, -1)},"segment":${JSON.stringify(segment)},"sector":${JSON.stringify(sector)},` +
    `"multiplier_text":${JSON.stringify(multiplierTextOf(raw, record))}}`
  );
}

export function spinsJson(request: GameRequest): string {
  const limit = parseLimit(request.query.get('limit'), SPINS_DEFAULT_LIMIT);
  // Without a window, /spins pages the whole history, as /rounds does.
  const span = request.query.has('window') ? windowSpan(request) : { first: 0, end: request.settled };
  const rows: string[] = [];
  for (let position = span.end - 1; position >= span.first && rows.length < limit; position--) {
    rows.push(spinRowJson(recordAt(request, position), request.log.info.slug));
  }
  return `[${rows.join(',')}]`;
}

const RUNNING_ID = /"round_id":"([^"]*)"/;

export function roundJson(request: GameRequest): string {
  const roundId = request.tail[0] ?? '';
  for (let position = request.settled - 1; position >= 0; position--) {
    const record = recordAt(request, position);
    if (record.roundId === roundId) return record.json;
  }
  const running = request.log.runningRowJson();
  if (RUNNING_ID.exec(running)?.[1] === roundId) return running;
  throw new ApiError(404, 'round_not_found', `No round ${quoted(roundId)} of ${request.log.info.slug} is known here.`);
}
