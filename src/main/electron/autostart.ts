import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write';

// Starting at login, in the tray with no window. Electron's login items cover macOS and Windows;
// Linux desktops read XDG autostart entries instead. Plain Node (no `electron` import): tested
// under vitest, applied by index.ts.

/** The flag a login start passes, so the app opens in the tray with its window closed. */
export const HIDDEN_FLAG = '--hidden';

export type LoginItemPlan =
  /** `app.setLoginItemSettings` (macOS, Windows). */
  | { readonly kind: 'login-item'; readonly openAtLogin: boolean; readonly args: readonly string[] }
  /** An XDG autostart entry to write, or to remove when `contents` is null. */
  | { readonly kind: 'xdg-autostart'; readonly file: string; readonly contents: string | null };

export interface LoginItemPlace {
  readonly platform: NodeJS.Platform;
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

export function loginItemPlan(enabled: boolean, place: LoginItemPlace): LoginItemPlan {
  if (place.platform !== 'linux') return { kind: 'login-item', openAtLogin: enabled, args: [HIDDEN_FLAG] };
  const configHome = place.env.XDG_CONFIG_HOME?.trim() || join(place.homeDir, '.config');
  // An AppImage runs from a temporary mount: autostart must name the image itself.
  const executable = place.env.APPIMAGE?.trim() || place.execPath;
  return {
    kind: 'xdg-autostart',
    file: join(configHome, 'autostart', 'roundlog.desktop'),
    contents: enabled ? autostartEntry(executable) : null,
  };
}

/** A desktop entry (freedesktop Desktop Entry spec 1.5) that starts Roundlog hidden. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    'Name=Roundlog',
    'Comment=Keeps recording live casino rounds in the tray',
    `Exec=${quoteExec(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the XDG entry; a failure is said, never thrown (the setting is a convenience). */
export function applyXdgAutostart(plan: Extract<LoginItemPlan, { kind: 'xdg-autostart' }>, log: (message: string) => void): void {
  try {
    if (plan.contents === null) rmSync(plan.file, { force: true });
    else writeFileAtomically(plan.file, plan.contents, 0o644);
  } catch (error) {
    log(`start at login could not be ${plan.contents === null ? 'turned off' : 'set up'}: ${(error as Error).message}`);
  }
}

/** Whether this launch is a login start that keeps the window closed. */
export function startsHidden(argv: readonly string[], openedAtLoginOnMac: boolean): boolean {
  return argv.includes(HIDDEN_FLAG) || openedAtLoginOnMac;
}

/** The Exec key's quoting rules: a quoted argument escapes `"`, `` ` ``, `$` and `\`. */
function quoteExec(path: string): string {
  return /[\s"'`$\\]/.test(path) ? `"${path.replace(/(["`$\\])/g, '\\$1')}"` : path;
}
