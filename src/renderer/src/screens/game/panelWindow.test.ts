import { describe, expect, it } from 'vitest';
import { ownWindow, panelWindowText } from './panelWindow';

describe('a panel’s own window', () => {
  it('choosing the dashboard’s window follows the dashboard again', () => {
    expect(ownWindow('24h', '24h')).toBeNull();
    const range = { from: '2026-01-01T00:00:00.000Z', through: '2026-01-02T00:00:00.000Z' };
    expect(ownWindow({ ...range }, range)).toBeNull();
  });

  it('any other window becomes the panel’s own', () => {
    expect(ownWindow('5m', '24h')).toBe('5m');
    expect(ownWindow('all', '24h')).toBe('all');
  });

  it('the control names the window the panel reads and, in its tooltip, the dashboard’s', () => {
    expect(panelWindowText(null, '24h')).toEqual({ label: '24h', detail: expect.stringContaining('Dashboard window (24h)') });
    const own = panelWindowText('5m', 'all');
    expect(own.label).toBe('5m');
    expect(own.detail).toContain('All history');
  });
});
