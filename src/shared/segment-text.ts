import { wheelSegments } from './game-law/wheel-law';

// Wheel shows name the winning segment with upstream's short codes (`n2`, `cashhunt`, `leaf`).
// Known codes get the name players see on the wheel; an unknown code is still shown, readably.

const NAMED_SEGMENTS: Readonly<Record<string, string>> = {
  cashhunt: 'Cash Hunt',
  coinflip: 'Coin Flip',
  pachinko: 'Pachinko',
  crazytime: 'Crazy Time',
  chance: 'Chance',
  '2rolls': '2 Rolls',
  '4rolls': '4 Rolls',
};

const NUMBER_SEGMENT = /^n?(\d+)$/;
/** Dream Catcher's multiplier segments, in either order upstream writes them. */
const MULTIPLIER_SEGMENT = /^(?:x(\d+)|(\d+)x)$/;

export type SegmentKind = 'number' | 'bonus';

export interface SegmentLabel {
  readonly text: string;
  readonly kind: SegmentKind;
}

/**
 * The name players see for a segment code: the game's wheel table where it names the code
 * (Ice Fishing's "Lil' Blues"), otherwise read from the code itself.
 */
export function segmentLabel(segment: string, game?: string): SegmentLabel {
  const read = labelFromCode(segment);
  const named = game === undefined ? undefined : wheelSegments(game).find((entry) => entry.code === segment)?.label;
  return named === undefined ? read : { text: named, kind: read.kind };
}

function labelFromCode(segment: string): SegmentLabel {
  const code = segment.trim().toLowerCase();
  const number = NUMBER_SEGMENT.exec(code);
  if (number) return { text: String(Number(number[1])), kind: 'number' };
  const named = NAMED_SEGMENTS[code];
  if (named !== undefined) return { text: named, kind: 'bonus' };
  const multiplier = MULTIPLIER_SEGMENT.exec(code);
  if (multiplier) return { text: `${Number(multiplier[1] ?? multiplier[2])}×`, kind: 'bonus' };
  return { text: humanize(segment), kind: 'bonus' };
}

function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return code;
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}
