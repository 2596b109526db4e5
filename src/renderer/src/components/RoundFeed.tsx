import type { RoundView } from '../../../shared/round';
import { formatMultiplier } from '../round/multiplier';
import { newestFirst } from '../round/roundOrder';
import { formatRoundTime } from '../round/roundTime';
import { segmentLabel } from '../round/segment';
import { RoundItem } from './RoundItem';

/** Rounds shown per card; empty slots are reserved so arriving rounds never move the layout. */
export const FEED_SIZE = 30;

interface RoundFeedProps {
  readonly rounds: readonly RoundView[];
  readonly gameName: string;
  /** Wheel shows carry a segment line, so their chips are one line taller. */
  readonly withSegments: boolean;
}

export function RoundFeed({ rounds, gameName, withSegments }: RoundFeedProps) {
  const shown = newestFirst(rounds, FEED_SIZE);
  const newest = shown[0];
  return (
    <section className="round-feed" aria-label={`Latest rounds of ${gameName}`}>
      {/* Only the newest round is announced: the whole list would be a firehose for a screen reader. */}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {newest === undefined ? '' : announcement(newest)}
      </p>
      <ol className={`round-feed__list${withSegments ? ' round-feed__list--segments' : ''}`}>
        {shown.map((round) => (
          <RoundItem key={round.roundId} round={round} />
        ))}
        {Array.from({ length: FEED_SIZE - shown.length }, (_, slot) => (
          <li key={`empty-${slot}`} className="round round--empty" aria-hidden="true" />
        ))}
      </ol>
    </section>
  );
}

function announcement(round: RoundView): string {
  const segment = round.segment === null ? '' : `${segmentLabel(round.segment).text}, `;
  return `Newest round: ${segment}${formatMultiplier(round.multiplier)} at ${formatRoundTime(round.finalizedUs)}`;
}
