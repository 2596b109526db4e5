import type { RateView } from '../../../../shared/stats/common';
import { formatPercent } from './format';

/**
 * An observed rate as a bar, its 95% interval as a whisker and the theory as a tick, on a shared
 * scale (`scale` = the rate at the track's right end). Colour says only whether the theory lies
 * inside the interval, never what comes next.
 */
export function RateBar({ rate, scale, label }: { readonly rate: RateView; readonly scale: number; readonly label: string }) {
  const at = (value: number): string => `${Math.min(100, Math.max(0, (value / (scale || 1)) * 100))}%`;
  const outside =
    rate.interval !== null && rate.theoretical !== null && (rate.theoretical < rate.interval.low || rate.theoretical > rate.interval.high);
  const words =
    `${label}: observed ${formatPercent(rate.observed)}` +
    (rate.interval === null ? '' : `, 95% interval ${formatPercent(rate.interval.low)} to ${formatPercent(rate.interval.high)}`) +
    (rate.theoretical === null ? ', no published theory' : `, theory ${formatPercent(rate.theoretical)}`);
  return (
    <div className={outside ? 'rate-bar rate-bar--outside' : 'rate-bar'} role="img" aria-label={words}>
      {rate.observed === null ? null : <span className="rate-bar__fill" style={{ width: at(rate.observed) }} />}
      {rate.interval === null ? null : (
        <span className="rate-bar__interval" style={{ left: at(rate.interval.low), width: `calc(${at(rate.interval.high)} - ${at(rate.interval.low)})` }} />
      )}
      {rate.theoretical === null ? null : <span className="rate-bar__theory" style={{ left: at(rate.theoretical) }} />}
    </div>
  );
}

/** The track's right end for rows of rates: the largest interval end or theory, with headroom. */
export function rateScale(rates: readonly RateView[]): number {
  let top = 0;
  for (const rate of rates) top = Math.max(top, rate.interval?.high ?? rate.observed ?? 0, rate.theoretical ?? 0);
  return top === 0 ? 1 : top * 1.08;
}

/** A cell outside its interval, as chance: about 1 in 20 cells is, in a fair game. */
export function OutsideMark({ rate }: { readonly rate: RateView }) {
  if (rate.interval === null || rate.theoretical === null) return null;
  if (rate.theoretical >= rate.interval.low && rate.theoretical <= rate.interval.high) return null;
  const above = rate.theoretical < rate.interval.low;
  return (
    <span className={above ? 'outside-mark outside-mark--above' : 'outside-mark outside-mark--below'} title="Outside its 95% interval: about 1 in 20 cells is, by chance alone. It says nothing about the next round.">
      {above ? 'above' : 'below'}
    </span>
  );
}
