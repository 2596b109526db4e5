import { describe, expect, it } from 'vitest';
import { formatMultiplier, formatMultiplierShort, multiplierBand, multiplierHundredths } from './multiplier-text';

describe('multiplier display', () => {
  it('floors to hundredths as the casino shows it, never rounding up', () => {
    expect(formatMultiplier('3.1611')).toBe('3.16×');
    expect(formatMultiplier('1.9999')).toBe('1.99×');
    expect(formatMultiplier('4')).toBe('4.00×');
    expect(formatMultiplier('1.5')).toBe('1.50×');
  });

  it('groups thousands so big wins read at a glance', () => {
    expect(formatMultiplier('1234.5678')).toBe('1,234.56×');
  });

  it('shortens values from 10,000× up for a fixed-width chip, truncating', () => {
    expect(formatMultiplierShort('9999.99')).toBe('9,999.99×');
    expect(formatMultiplierShort('12399.99')).toBe('12.3K×');
    expect(formatMultiplierShort('1000000')).toBe('1.0M×');
  });

  it('shows a value it cannot read as sent instead of hiding it', () => {
    expect(multiplierHundredths('n/a')).toBeNull();
    expect(formatMultiplier('n/a')).toBe('n/a×');
    expect(multiplierBand('n/a')).toBeNull();
  });
});

describe('crash colour bands', () => {
  it('puts a round in the band of the value the casino displayed', () => {
    expect(multiplierBand('1.00')).toBe('low');
    expect(multiplierBand('1.9999')).toBe('low');
    expect(multiplierBand('2.0000')).toBe('mid');
    expect(multiplierBand('9.9999')).toBe('mid');
    expect(multiplierBand('10')).toBe('high');
    expect(multiplierBand('1000000.00')).toBe('high');
  });
});
