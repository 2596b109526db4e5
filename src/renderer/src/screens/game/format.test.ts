import { describe, expect, it } from 'vitest';
import { formatCount, formatDollars, formatOneIn, formatPercent, formatPp, formatPValue, formatThreshold, formatTimes, formatWait } from './format';

describe('dashboard number formatting', () => {
  it('writes money with cents and thousands separators, compact from $10K', () => {
    expect(formatDollars(812.4)).toBe('$812.40');
    expect(formatDollars(7816.15)).toBe('$7,816.15');
    expect(formatDollars(12_345)).toBe('$12.3K');
    expect(formatDollars(4_100_000)).toBe('$4.1M');
    expect(formatDollars(null)).toBe('—');
  });

  it('gives percent as many decimals as the rate’s size needs', () => {
    expect(formatPercent(0.4951)).toBe('49.5%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(0.00042)).toBe('0.042%');
    expect(formatPercent(0.0000004)).toBe('<0.01%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes percentage-point differences with their sign, zero without one', () => {
    expect(formatPp(0.4213)).toBe('+0.42 pp');
    expect(formatPp(-1.3)).toBe('\u22121.30 pp');
    expect(formatPp(-12.34)).toBe('\u221212.3 pp');
    expect(formatPp(0.001)).toBe('0.00 pp');
    expect(formatPp(null)).toBe('—');
  });

  it('never prints a p-value as a bare zero', () => {
    expect(formatPValue(0.4213)).toBe('p = 0.42');
    expect(formatPValue(0.0312)).toBe('p = 0.031');
    expect(formatPValue(0)).toBe('p < 0.001');
  });

  it('writes multipliers, thresholds, waits and counts for people', () => {
    expect(formatTimes(1)).toBe('1.00×');
    expect(formatTimes(1234.567)).toBe('1,234.57×');
    expect(formatTimes(2_400_000)).toBe('2.4M×');
    expect(formatThreshold(1.5)).toBe('1.5×');
    expect(formatThreshold(1000)).toBe('1,000×');
    expect(formatWait(1.98)).toBe('1.98');
    expect(formatWait(99)).toBe('99.0');
    expect(formatWait(1234.5)).toBe('1,235');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatOneIn(1 / 37)).toBe('1 in 37');
  });
});
