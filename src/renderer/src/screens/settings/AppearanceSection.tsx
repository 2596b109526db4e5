import { useId, useState } from 'react';
import { THEMES, type SettingsView, type Theme } from '../../../../shared/settings';
import { Section } from './Field';
import { useSave } from './useSave';

const THEME_WORDS: Readonly<Record<Theme, string>> = { dark: 'Dark', light: 'Light' };

/** Applied at once: the page turns before Roundlog answers, and Roundlog keeps it for next time. */
export function AppearanceSection({ view }: { readonly view: SettingsView }) {
  const id = useId();
  const [state, save] = useSave();
  // The choice shows at once; Roundlog's answer (or its refusal) settles it.
  const [choosing, setChoosing] = useState<Theme | null>(null);
  const shown = choosing ?? view.settings.theme;
  const choose = (theme: Theme): void => {
    setChoosing(theme);
    document.documentElement.dataset.theme = theme;
    void save({ theme }).then((saved) => {
      if (saved === null) document.documentElement.dataset.theme = view.settings.theme;
      setChoosing(null);
    });
  };
  return (
    <Section id="appearance" title="Appearance">
      <fieldset className="field">
        <legend className="field__label">Theme</legend>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {THEMES.map((theme) => (
            <label key={theme} className="segmented__option">
              <input
                type="radio"
                name={`${id}-theme`}
                value={theme}
                checked={shown === theme}
                onChange={() => choose(theme)}
                data-testid={`theme-${theme}`}
              />
              <span>{THEME_WORDS[theme]}</span>
            </label>
          ))}
        </div>
        <p className="field__note" role="status">
          {state.error ?? 'Dark suits a dim room; charts follow the theme.'}
        </p>
      </fieldset>
    </Section>
  );
}
