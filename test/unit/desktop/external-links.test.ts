import { describe, expect, it } from 'vitest';
import { isAllowedExternal } from '../../../src/main/electron/external-links';

describe('links the app may open in the system browser', () => {
  it('opens only https pages of the allow-listed hosts', () => {
    expect(isAllowedExternal('https://trackersino.com/docs')).toBe(true);
    expect(isAllowedExternal('https://t.me/trackersino_bot')).toBe(true);
  });

  it('refuses everything else, including look-alikes and other schemes', () => {
    for (const url of [
      'http://trackersino.com/',
      'https://trackersino.com.evil.example/',
      'https://evil.example/?https://trackersino.com/',
      'https://user:pass@trackersino.com/',
      'https://trackersino.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/roundlog',
      'not a url',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});
