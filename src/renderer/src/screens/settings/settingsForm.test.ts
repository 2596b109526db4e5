import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../../../shared/settings';
import {
  changedOnly,
  formatHouseEdgePercent,
  gameGroups,
  houseEdgesFrom,
  overrideExplanation,
  parseHouseEdgePercent,
  patchProblems,
  restartsRecording,
} from './settingsForm';

describe('the settings form', () => {
  it('says when a change restarts recording', () => {
    expect(restartsRecording({ games: ['stake-crash'] })).toBe(true);
    expect(restartsRecording({ apiKey: null })).toBe(true);
    expect(restartsRecording({ theme: 'light' })).toBe(false);
    expect(restartsRecording({ houseEdges: { crash: 0.01 } })).toBe(false);
  });

  it('sends only what changed', () => {
    expect(changedOnly(DEFAULT_SETTINGS, { environment: 'sandbox', tier: 'pro', games: [...DEFAULT_SETTINGS.games] })).toEqual({ tier: 'pro' });
  });

  it('rejects a custom base URL that is not an http(s) address, in words', () => {
    expect(patchProblems({ environment: 'custom', baseUrl: 'not a url' }).baseUrl).toMatch(/https:\/\//);
    expect(patchProblems({ environment: 'custom', baseUrl: 'ftp://example.com' }).baseUrl).toMatch(/https:\/\//);
    expect(patchProblems({ environment: 'custom', baseUrl: null }).baseUrl).toMatch(/needs the address/);
    expect(patchProblems({ environment: 'custom', baseUrl: 'https://api.example.com' })).toEqual({});
  });

  it('asks for at least one game and a key that looks like a key', () => {
    expect(patchProblems({ games: [] }).games).toBe('Track at least one game.');
    expect(patchProblems({ apiKey: 'short' }).apiKey).toBe('An API key is longer than that.');
    expect(patchProblems({ apiKey: 'ts_live with_space' }).apiKey).toBe('Paste the key without spaces or the "Bearer " prefix.');
    // A control character would reach an HTTP header, where fetch's error quotes the key whole.
    for (const apiKey of ['ts_live_abc\u0000def', 'ts_live_abc\u001bdef', 'ts_live_abc\u007fdef', 'ts_live_abc\u00e9def']) {
      expect(patchProblems({ apiKey }).apiKey, JSON.stringify(apiKey)).toBe(
        'The key holds a control or non-ASCII character, which no API key has; copy it again from TrackerSino.',
      );
      expect(settingsPatchSchema.safeParse({ apiKey }).success).toBe(false);
    }
    expect(patchProblems({ apiKey: 'ts_live_0123456789abcdef' })).toEqual({});
  });

  it('reads a house edge typed as a percentage, blank meaning the game’s own', () => {
    expect(parseHouseEdgePercent('')).toEqual({ ok: true, edge: null });
    expect(parseHouseEdgePercent('2.7')).toEqual({ ok: true, edge: 0.027 });
    expect(parseHouseEdgePercent('1 %')).toEqual({ ok: true, edge: 0.01 });
    expect(parseHouseEdgePercent('100')).toMatchObject({ ok: false });
    expect(parseHouseEdgePercent('-1')).toMatchObject({ ok: false });
    expect(formatHouseEdgePercent(0.027)).toBe('2.7');
    expect(houseEdgesFrom({ crash: '1', crazytime: '' })).toEqual({ edges: { crash: 0.01 } });
    expect(houseEdgesFrom({ crash: 'abc' })).toMatchObject({ problems: { crash: expect.any(String) } });
  });

  it('explains a setting the command line overrides', () => {
    expect(overrideExplanation('games')).toEqual({ label: 'Tracked games', by: 'set by --games on the command line' });
  });

  it('groups every catalog game as a one-multiplier game (crash, Roobet Slide) or a show, each once', () => {
    const [single, shows] = gameGroups();
    const singles = single!.games.map((game) => game.slug);
    const showSlugs = shows!.games.map((game) => game.slug);
    expect(singles).toEqual(expect.arrayContaining(['stake-crash', 'stake-slide', 'slide']));
    expect(showSlugs).toEqual(expect.arrayContaining(['crazytime', 'lightningdice', 'lightningroulette']));
    expect(showSlugs).not.toContain('slide');
    expect(singles.length + showSlugs.length).toBe(new Set([...singles, ...showSlugs]).size);
  });
});
