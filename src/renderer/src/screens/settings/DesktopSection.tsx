import { Section } from './Field';
import { useSave } from './useSave';
import type { SettingsView } from '../../../../shared/settings';

/** Only the desktop app has a tray and a login item; `roundlog serve` shows no such section. */
export const isDesktopApp = (): boolean => window.roundlog !== undefined;

/** Applied at once: the main process registers or removes the login item as the setting changes. */
export function DesktopSection({ view }: { readonly view: SettingsView }) {
  const [state, save] = useSave();
  return (
    <Section id="desktop" title="Desktop" intro="Closing the window keeps Roundlog recording in the tray; quit from the tray icon or the menu.">
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={view.settings.startAtLogin}
            disabled={state.busy}
            onChange={(event) => void save({ startAtLogin: event.target.checked })}
            data-testid="start-at-login"
          />
          <span>Start Roundlog when I log in, in the tray with the window closed</span>
        </label>
        <p className="field__note" role="status">
          {state.error ?? 'Recording then never misses the start of an evening.'}
        </p>
      </div>
    </Section>
  );
}
