import type { BetsPanelView, TargetBandView } from '../../../../shared/stats/bets';
import { Fact } from './CrashDashboard';
import { NoTheory, Panel } from './Panel';
import { formatCount, formatDollars, formatInstant, formatPercent, formatPp, formatThreshold } from './format';

// The bet snapshots Roundlog recorded over the window: what they staked and got back, per cash-out
// target band beside what the game's law pays there, and per currency.

function bandLabel(band: TargetBandView): string {
  return band.to === null ? `≥ ${formatThreshold(band.from)}` : `${formatThreshold(band.from)}–${formatThreshold(band.to)}`;
}

export function BetsPanel({ bets }: { readonly bets: BetsPanelView }) {
  const { totals } = bets;
  return (
    <Panel name="bets" title="Recorded bets: return by cash-out target" rounds={bets.rounds} wide>
      <dl className="facts">
        <Fact term="Return" value={formatPercent(totals.rtp)} detail={bets.fairRtp === null ? 'no published theory' : `law: ${formatPercent(bets.fairRtp)} at these targets`} />
        <Fact term="Staked" value={formatDollars(totals.volume)} detail={`${formatCount(totals.bets)} bets`} />
        <Fact term="Paid" value={formatDollars(totals.payout)} detail={`${formatCount(bets.targets)} distinct targets`} />
      </dl>
      {totals.bets === 0 ? (
        <p className="muted" data-testid="bets-empty">
          No bet snapshot recorded in this window{bets.recordedSince === null ? '.' : ` (recording since ${formatInstant(bets.recordedSince)}).`}
        </p>
      ) : (
        <div className="bets-tables">
          <table className="stats-table" data-testid="bets-bands">
            <caption className="visually-hidden">Bets per cash-out target band: won against the law&apos;s chance, and return against the law&apos;s</caption>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col" className="num">Bets</th>
                <th scope="col" className="num">Won</th>
                <th scope="col" className="num">Law</th>
                <th scope="col" className="num">Δ</th>
                <th scope="col" className="num">Return</th>
                <th scope="col" className="num">Law</th>
              </tr>
            </thead>
            <tbody>
              {bets.bands.map((band) => (
                <tr key={band.from}>
                  <th scope="row">{bandLabel(band)}</th>
                  <td className="num">{formatCount(band.bets)}</td>
                  <td className="num">{formatPercent(band.winRate.observed)}</td>
                  <td className="num">{band.winRate.theoretical === null ? <NoTheory /> : formatPercent(band.winRate.theoretical)}</td>
                  <td className="num">{formatPp(band.winRate.deltaPp)}</td>
                  <td className="num">{formatPercent(band.rtp)}</td>
                  <td className="num">{band.fairRtp === null ? <NoTheory /> : formatPercent(band.fairRtp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="stats-table" data-testid="bets-currencies">
            <caption className="visually-hidden">Volume and payout per currency</caption>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" className="num">Bets</th>
                <th scope="col" className="num">Staked</th>
                <th scope="col" className="num">Paid</th>
                <th scope="col" className="num">Return</th>
              </tr>
            </thead>
            <tbody>
              {bets.currencies.map((currency) => (
                <tr key={currency.currency}>
                  <th scope="row">{currency.currency.toUpperCase()}</th>
                  <td className="num">{formatCount(currency.bets)}</td>
                  <td className="num">{formatDollars(currency.volume)}</td>
                  <td className="num">{formatDollars(currency.payout)}</td>
                  <td className="num">{formatPercent(currency.rtp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="panel__foot muted">
        {bets.note}
        {bets.recordedSince === null ? null : ` Recording since ${formatInstant(bets.recordedSince)}.`}
      </p>
    </Panel>
  );
}
