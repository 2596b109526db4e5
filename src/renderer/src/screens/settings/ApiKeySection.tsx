import { useId, useRef, type FormEvent } from 'react';
import type { SettingsView } from '../../../../shared/settings';
import { FieldProblem, SaveRow, Section } from './Field';
import { useSave } from './useSave';

/**
 * The key goes in through an uncontrolled password field, so React never writes it into the page
 * as an attribute, and the field is emptied once it is saved. Only the hint ever comes back.
 */
export function ApiKeySection({ view }: { readonly view: SettingsView }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, save] = useSave();
  const { apiKey, settings } = view;
  const fromEnvironment = apiKey.source === 'environment';
  const weakStore = apiKey.protection.kind === 'plain-text' || apiKey.protection.kind === 'unavailable';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const key = input.current?.value.trim() ?? '';
    if (key === '') {
      input.current?.focus();
      return;
    }
    void save({ apiKey: key }).then((saved) => {
      if (saved !== null && input.current !== null) input.current.value = '';
    });
  };

  return (
    <Section id="api-key" title="API key" intro="Your TrackerSino key. Roundlog keeps it in the main process and never shows it again in full.">
      <form className="settings-form" onSubmit={submit} noValidate>
        <p className="key-state" data-testid="api-key-state">
          {apiKey.stored ? (
            <>
              <span className="key-state__hint" data-testid="api-key-hint">
                {apiKey.hint ?? 'stored'}
              </span>
              <span>{fromEnvironment ? 'Given by the environment for this run.' : 'Stored.'}</span>
            </>
          ) : (
            <span>No key stored: Roundlog records the demo sandbox.</span>
          )}
        </p>
        {/* Before a key is typed too: the person should know a weak store before trusting it with a key. */}
        <p
          className={weakStore ? 'key-protection key-protection--warning' : 'key-protection field__note'}
          role={weakStore ? 'alert' : undefined}
          data-testid="api-key-protection"
          data-kind={apiKey.protection.kind}
        >
          {weakStore ? <strong>Warning: </strong> : null}
          {apiKey.protection.text}
        </p>
        {fromEnvironment ? (
          <p className="field__note">
            TRACKERSINO_API_KEY (or --api-key) sets the key for this run, so it cannot be changed here. Change it where Roundlog is
            started, then restart Roundlog.
          </p>
        ) : (
          <>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-key`}>
                {apiKey.stored ? 'Replace the key' : 'Paste your key'}
              </label>
              <input
                ref={input}
                id={`${id}-key`}
                className="text-input text-input--mono"
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder="ts_live_…"
                aria-invalid={state.problems.apiKey !== undefined || state.error !== null}
                aria-describedby={`${id}-key-problem`}
                data-testid="api-key-input"
              />
              <FieldProblem id={`${id}-key-problem`} problem={state.problems.apiKey ?? state.error} />
            </div>
            <SaveRow
              state={{ ...state, error: null }}
              hint={settings.environment === 'sandbox' ? 'The key is used once Environment is Production (Data source, above).' : null}
            >
              <button type="submit" className="button button--primary" disabled={state.busy} data-testid="save-api-key">
                Save key
              </button>
              {apiKey.stored ? (
                <button type="button" className="button button--danger" disabled={state.busy} onClick={() => void save({ apiKey: null })} data-testid="forget-api-key">
                  Forget key
                </button>
              ) : null}
            </SaveRow>
          </>
        )}
      </form>
    </Section>
  );
}
