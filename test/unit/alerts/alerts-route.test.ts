import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../src/renderer/src/app/route';

describe('the Alerts screen route', () => {
  it('is #/alerts, and a reload returns to it', () => {
    expect(parseRoute('#/alerts')).toEqual({ screen: 'alerts' });
    expect(formatRoute({ screen: 'alerts' })).toBe('#/alerts');
  });
});
