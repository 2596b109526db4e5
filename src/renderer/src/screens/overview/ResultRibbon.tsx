import type { RoundView } from '../../../../shared/round';
import { formatMultiplier, multiplierBand } from '../../../../shared/multiplier-text';
import { newestFirst } from '../../round/roundOrder';
import { ribbonMultiplier, ribbonSegment } from './overviewFigures';

/**
 * Slots per ribbon: always all drawn, so arriving rounds fill slots instead of growing the tile.
 * The ribbon shows two rows of as many columns as the tile's width allows; the rest are clipped.
 */
export const RIBBON_SIZE = 32;

interface ResultRibbonProps {
  readonly rounds: readonly RoundView[];
  readonly gameName: string;
  /** Shows colour the winning segment; crash games the multiplier's band. */
  readonly bySegment: boolean;
}

/** The last results, newest first, in fixed slots. */
export function ResultRibbon({ rounds, gameName, bySegment }: ResultRibbonProps) {
  const shown = newestFirst(rounds, RIBBON_SIZE);
  return (
    <ol className={`ribbon${bySegment ? ' ribbon--segments' : ''}`} aria-label={`Last results of ${gameName}, newest first`} data-testid="ribbon">
      {shown.map((round) => (
        <RibbonSlot key={round.roundId} round={round} bySegment={bySegment} />
      ))}
      {Array.from({ length: RIBBON_SIZE - shown.length }, (_, slot) => (
        <li key={`empty-${slot}`} className="ribbon__slot ribbon__slot--empty" aria-hidden="true" />
      ))}
    </ol>
  );
}

function RibbonSlot({ round, bySegment }: { readonly round: RoundView; readonly bySegment: boolean }) {
  const multiplier = formatMultiplier(round.multiplier);
  if (bySegment && round.segment !== null) {
    const segment = ribbonSegment(round.segment);
    return (
      <li className={`ribbon__slot ribbon__slot--${segment.kind}`} data-testid="ribbon-round" data-round-id={round.roundId} title={`${segment.full}, ${multiplier}`}>
        <span className="ribbon__main">{segment.text}</span>
        <span className="ribbon__sub">{ribbonMultiplier(round.multiplier)}</span>
      </li>
    );
  }
  return (
    <li
      className={`ribbon__slot ribbon__slot--${multiplierBand(round.multiplier) ?? 'unknown'}`}
      data-testid="ribbon-round"
      data-round-id={round.roundId}
      title={multiplier}
    >
      <span className="ribbon__main">{ribbonMultiplier(round.multiplier)}</span>
    </li>
  );
}
