import { describe, expect, it } from 'vitest';
import { segmentLabel } from './segment-text';

describe('wheel segment labels', () => {
  it('shows number segments as the number on the wheel', () => {
    expect(segmentLabel('n2')).toEqual({ text: '2', kind: 'number' });
    expect(segmentLabel('n10')).toEqual({ text: '10', kind: 'number' });
    expect(segmentLabel('40')).toEqual({ text: '40', kind: 'number' });
  });

  it('names the bonus games as players know them', () => {
    expect(segmentLabel('cashhunt')).toEqual({ text: 'Cash Hunt', kind: 'bonus' });
    expect(segmentLabel('coinflip').text).toBe('Coin Flip');
    expect(segmentLabel('pachinko').text).toBe('Pachinko');
    expect(segmentLabel('crazytime').text).toBe('Crazy Time');
    expect(segmentLabel('4rolls').text).toBe('4 Rolls');
  });

  it('shows multiplier segments with the × sign', () => {
    expect(segmentLabel('x7').text).toBe('7×');
    expect(segmentLabel('2x').text).toBe('2×');
  });

  it('still shows a segment code it has never seen, readably', () => {
    expect(segmentLabel('leaf')).toEqual({ text: 'Leaf', kind: 'bonus' });
    expect(segmentLabel('top_slot').text).toBe('Top Slot');
    expect(segmentLabel('goldenEgg').text).toBe('Golden Egg');
  });

  it("uses the game's own wheel table where it names the code, so every screen and alert says the same", () => {
    expect(segmentLabel('lilblues', 'icefishing')).toEqual({ text: "Lil' Blues", kind: 'bonus' });
    expect(segmentLabel('x2', 'dreamcatcher').text).toBe('2×');
    expect(segmentLabel('n10', 'crazytime')).toEqual({ text: '10', kind: 'number' });
    // A code the table lacks is still read from the code.
    expect(segmentLabel('goldenEgg', 'crazytime').text).toBe('Golden Egg');
  });
});
