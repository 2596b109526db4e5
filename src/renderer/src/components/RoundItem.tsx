import type { RoundView } from '../../../shared/round';
import { formatMultiplier, formatMultiplierShort, multiplierBand } from '../round/multiplier';
import { formatRoundTime } from '../round/roundTime';
import { segmentLabel } from '../round/segment';

/** One fixed-size chip: the segment (wheel shows) or the band-coloured multiplier, then the time. */
export function RoundItem({ round }: { readonly round: RoundView }) {
  const segment = round.segment === null ? null : segmentLabel(round.segment);
  const tone = segment === null ? `round--${multiplierBand(round.multiplier) ?? 'unknown'}` : `round--${segment.kind}`;
  return (
    <li
      className={`round ${tone}`}
      data-testid="round"
      data-round-id={round.roundId}
      title={`${segment === null ? '' : `${segment.text}, `}${formatMultiplier(round.multiplier)}`}
    >
      {segment === null ? null : <span className="round__segment">{segment.text}</span>}
      <span className="round__multiplier">{formatMultiplierShort(round.multiplier)}</span>
      <time className="round__time" dateTime={round.finalizedAt}>
        {formatRoundTime(round.finalizedUs)}
      </time>
    </li>
  );
}
