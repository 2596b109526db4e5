import type { DistributionView, DroughtView } from '../../../../shared/stats/common';
import type { DicePanel } from '../../../../shared/stats/dice';
import type { RoulettePanel } from '../../../../shared/stats/roulette';
import type { WheelPanel } from '../../../../shared/stats/wheel';
import type { RoundView } from '../../../../shared/round';
import { segmentLabel } from '../../../../shared/segment-text';
import { formatMultiplierShort } from '../../../../shared/multiplier-text';
import { FitLine, NoTheory, Panel } from './Panel';
import { OutsideMark, RateBar, rateScale } from './RateBar';
import { formatCount, formatOneIn, formatPercent, formatPp } from './format';

const CHANCE_NOTE = 'Hot and cold are only observed rates beside their intervals: every spin is independent, and none of this predicts the next one.';

/** The newest results as chips in their segment colours. */
export function ResultsRibbon({ rounds }: { readonly rounds: readonly RoundView[] }) {
  const newest = rounds.slice(-40).reverse();
  return (
    <Panel name="results" title="Latest results" rounds={rounds.length} wide>
      <ol className="results-ribbon" aria-label="Latest results, newest first">
        {newest.map((round) => {
          const label = round.segment === null ? null : segmentLabel(round.segment, round.game);
          return (
            <li key={round.roundId} className={`results-ribbon__chip results-ribbon__chip--${label?.kind ?? 'number'}`} data-segment={round.segment ?? ''}>
              {label === null ? (
                <span className="results-ribbon__segment">{formatMultiplierShort(round.multiplier)}</span>
              ) : (
                <>
                  <span className="results-ribbon__segment">{label.text}</span>
                  <span className="results-ribbon__multiplier">{formatMultiplierShort(round.multiplier)}</span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

function Drought({ drought }: { readonly drought: DroughtView }) {
  return (
    <>
      <td className="num strong">
        {formatCount(drought.roundsSince)}
        {drought.seen ? '' : '+'}
      </td>
      <td className="num">{drought.chance === null ? <NoTheory /> : `${formatPercent(drought.chance)} of the time`}</td>
    </>
  );
}

export function SegmentsPanel({ wheel }: { readonly wheel: WheelPanel }) {
  const scale = rateScale(wheel.segments.map((segment) => segment.rate));
  return (
    <Panel name="segments" title="Segments vs the wheel" rounds={wheel.window.rounds} note={CHANCE_NOTE} wide>
      <table className="stats-table">
        <caption className="visually-hidden">Each segment’s hit rate with its 95% interval against the wheel table, and spins since its last hit</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" className="num">Hits</th>
            <th scope="col" className="num">Observed</th>
            <th scope="col" className="bar-col">vs theory</th>
            <th scope="col" className="num">Theory</th>
            <th scope="col" className="num">Δ</th>
            <th scope="col" className="num">Spins since</th>
            <th scope="col" className="num">A wait this long</th>
          </tr>
        </thead>
        <tbody>
          {wheel.segments.map((segment) => (
            <tr key={segment.code} data-segment={segment.code}>
              <th scope="row">
                <span className={`swatch swatch--${segmentLabel(segment.code).kind}`} aria-hidden="true" />
                {segment.label}
              </th>
              <td className="num muted">{formatCount(segment.rate.hits)}</td>
              <td className="num">
                {formatPercent(segment.rate.observed)} <OutsideMark rate={segment.rate} />
              </td>
              <td className="bar-col">
                <RateBar rate={segment.rate} scale={scale} label={segment.label} />
              </td>
              <td className="num">{segment.rate.theoretical === null ? <NoTheory /> : formatPercent(segment.rate.theoretical)}</td>
              <td className="num">{formatPp(segment.rate.deltaPp)}</td>
              <Drought drought={segment.drought} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="panel__foot">
        <FitLine fit={wheel.fit} across="segments" missing={wheel.fitNote} />
      </p>
    </Panel>
  );
}

export function TopSlotPanel({ wheel }: { readonly wheel: WheelPanel }) {
  if (wheel.topSlot === null) return null;
  return (
    <Panel name="top-slot" title="Top Slot" rounds={wheel.topSlot.rounds} note={wheel.topSlot.theoryNote}>
      <p className="headline">
        Matched the winning segment <strong>{formatPercent(wheel.topSlot.matches.observed)}</strong> of spins
        {wheel.topSlot.matches.theoretical === null ? '' : ` (theory ${formatPercent(wheel.topSlot.matches.theoretical)})`}
      </p>
      <DistributionTable title="Top Slot multipliers" distribution={wheel.topSlot.multipliers} />
      <DistributionTable title="Multipliers applied (matched spins)" distribution={wheel.topSlot.matchedMultipliers} />
    </Panel>
  );
}

export function BonusesPanel({ wheel }: { readonly wheel: WheelPanel }) {
  if (wheel.bonuses.length === 0) return null;
  return (
    <Panel name="bonuses" title="Bonus outcomes" rounds={wheel.window.rounds} note="Result multipliers of each bonus game, by band; no published theory." wide>
      <table className="stats-table">
        <caption className="visually-hidden">How each bonus game paid, by multiplier band</caption>
        <thead>
          <tr>
            <th scope="col">Bonus</th>
            <th scope="col" className="num">Rounds</th>
            {wheel.bonuses[0]?.buckets.map((bucket) => (
              <th scope="col" className="num" key={bucket.bucket}>
                {bucket.to === null ? `≥ ${bucket.from}×` : `${bucket.from}–${bucket.to}×`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {wheel.bonuses.map((bonus) => (
            <tr key={bonus.code}>
              <th scope="row">{bonus.label}</th>
              <td className="num muted">{formatCount(bonus.rounds)}</td>
              {bonus.buckets.map((bucket) => (
                <td className="num heat-cell" key={bucket.bucket} style={{ ['--heat' as string]: bucket.share ?? 0 }}>
                  {bucket.share === null ? '—' : formatPercent(bucket.share)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** The game's extra distribution named `name`, if it has one. */
export function ExtraPanel({ wheel, name }: { readonly wheel: WheelPanel; readonly name: string }) {
  const named = wheel.extras.distributions.find((entry) => entry.name === name);
  if (named === undefined) return null;
  return (
    <Panel name={`extra-${named.name}`} title={named.label} rounds={wheel.window.rounds}>
      <DistributionTable title={named.label} distribution={named.distribution} />
    </Panel>
  );
}

export function DistributionTable({ title, distribution }: { readonly title: string; readonly distribution: DistributionView }) {
  const top = Math.max(0, ...distribution.entries.map((entry) => entry.share ?? 0)) || 1;
  return (
    <table className="stats-table stats-table--compact">
      <caption className="table-caption">
        {title} <span className="muted">· {formatCount(distribution.total)} counted · </span>
        <NoTheory>{distribution.theoryNote}</NoTheory>
      </caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col" className="num">Count</th>
          <th scope="col" className="num">Share</th>
          <th scope="col" className="bar-col">
            <span className="visually-hidden">Share bar</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {distribution.entries.length === 0 ? (
          <tr>
            <td colSpan={4} className="muted">Nothing counted in this window.</td>
          </tr>
        ) : (
          distribution.entries.slice(0, 14).map((entry) => (
            <tr key={entry.value}>
              <th scope="row">{/^\d+(\.\d+)?$/.test(entry.value) ? `${entry.value}×` : entry.value}</th>
              <td className="num muted">{formatCount(entry.count)}</td>
              <td className="num">{formatPercent(entry.share)}</td>
              <td className="bar-col">
                <span className="share-bar" style={{ width: `${((entry.share ?? 0) / top) * 100}%` }} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function TotalsPanel({ dice }: { readonly dice: DicePanel }) {
  const scale = rateScale(dice.totals.map((total) => total.rate));
  return (
    <Panel name="totals" title="Totals vs three fair dice" rounds={dice.window.rounds} note={CHANCE_NOTE} wide>
      <div className="columns-chart" role="img" aria-label="Share of each total 3 to 18 against three fair dice, with 95% intervals">
        {dice.totals.map((total) => {
          const at = (value: number | null) => `${((value ?? 0) / scale) * 100}%`;
          return (
            <div className="columns-chart__column" key={total.total} title={`${total.total}: ${formatPercent(total.rate.observed)} observed, theory ${formatPercent(total.rate.theoretical)}`}>
              <div className="columns-chart__track">
                <span className="columns-chart__fill" style={{ height: at(total.rate.observed) }} />
                {total.rate.interval === null ? null : <span className="columns-chart__interval" style={{ bottom: at(total.rate.interval.low), height: `calc(${at(total.rate.interval.high)} - ${at(total.rate.interval.low)})` }} />}
                {total.rate.theoretical === null ? null : <span className="columns-chart__theory" style={{ bottom: at(total.rate.theoretical) }} />}
              </div>
              <span className="columns-chart__label">{total.total}</span>
            </div>
          );
        })}
      </div>
      <table className="stats-table">
        <caption className="visually-hidden">Each total’s rate against 3d6, its drought and what lightning did to it</caption>
        <thead>
          <tr>
            <th scope="col">Total</th>
            <th scope="col" className="num">Observed</th>
            <th scope="col" className="num">Theory</th>
            <th scope="col" className="num">Δ</th>
            <th scope="col" className="num">Rounds since</th>
            <th scope="col" className="num">A wait this long</th>
            <th scope="col" className="num">Struck by lightning</th>
          </tr>
        </thead>
        <tbody>
          {dice.totals.map((total) => (
            <tr key={total.total}>
              <th scope="row">{total.total}</th>
              <td className="num">
                {formatPercent(total.rate.observed)} <OutsideMark rate={total.rate} />
              </td>
              <td className="num">{total.rate.theoretical === null ? <NoTheory /> : `${formatPercent(total.rate.theoretical)} · ${formatOneIn(total.rate.theoretical)}`}</td>
              <td className="num">{formatPp(total.rate.deltaPp)}</td>
              <Drought drought={total.drought} />
              <td className="num">{formatPercent(total.struck.observed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="panel__foot"><FitLine fit={dice.fit} across="totals" missing={dice.theoryNote} /></p>
    </Panel>
  );
}

export function LightningPanel({ dice }: { readonly dice: DicePanel }) {
  return (
    <Panel name="lightning" title="Lightning multipliers" rounds={dice.window.rounds} note={dice.lightning.theoryNote}>
      <p className="headline">
        The winning total was struck in <strong>{formatPercent(dice.lightning.struckWins.observed)}</strong> of rounds.
      </p>
      <DistributionTable title="Every strike’s multiplier" distribution={dice.lightning.multipliers} />
      <DistributionTable title="Totals struck per round" distribution={dice.lightning.strikesPerRound} />
    </Panel>
  );
}

export function PocketsPanel({ roulette }: { readonly roulette: RoulettePanel }) {
  const scale = rateScale(roulette.pockets.map((pocket) => pocket.rate));
  const sorted = [...roulette.pockets].sort((a, b) => a.pocket - b.pocket);
  return (
    <Panel name="pockets" title="Pockets vs 1 in 37" rounds={roulette.window.rounds} note={CHANCE_NOTE} wide>
      <div className="pocket-grid" role="list" aria-label="Each pocket’s observed rate against 1 in 37">
        {sorted.map((pocket) => (
          <div key={pocket.pocket} role="listitem" className={`pocket pocket--${pocket.color}`} aria-label={`${pocket.pocket}: ${formatPercent(pocket.rate.observed)}, ${formatCount(pocket.drought.roundsSince)} spins since`}>
            <span className="pocket__number">{pocket.pocket}</span>
            <span className="pocket__rate">{formatPercent(pocket.rate.observed)}</span>
            <RateBar rate={pocket.rate} scale={scale} label={`Pocket ${pocket.pocket}`} />
            <span className="pocket__since">{formatCount(pocket.drought.roundsSince)} since</span>
          </div>
        ))}
      </div>
      <p className="panel__foot">
        Theory {formatPercent(1 / 37)} each ·{' '}
        <FitLine fit={roulette.fit} across="pockets" missing={roulette.theoryNote} />
      </p>
    </Panel>
  );
}

export function LuckyPanel({ roulette }: { readonly roulette: RoulettePanel }) {
  return (
    <Panel name="lucky" title="Lucky numbers" rounds={roulette.window.rounds} note={roulette.lucky.theoryNote}>
      <p className="headline">
        The winning pocket was lucky in <strong>{formatPercent(roulette.lucky.hits.observed)}</strong> of rounds.
      </p>
      <DistributionTable title="Lucky multipliers" distribution={roulette.lucky.multipliers} />
      <DistributionTable title="Lucky numbers per round" distribution={roulette.lucky.countPerRound} />
    </Panel>
  );
}

