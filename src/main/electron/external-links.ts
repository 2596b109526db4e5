// Pages a link in the app may open in the system browser; every other URL is refused. Plain Node
// (no `electron` import) so the rule is tested under vitest.

const ALLOWED_HOSTS: readonly string[] = ['trackersino.com', 'www.trackersino.com', 't.me'];

/** Only https, only the listed hosts, no credentials in the URL. */
export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && ALLOWED_HOSTS.includes(parsed.hostname);
}
