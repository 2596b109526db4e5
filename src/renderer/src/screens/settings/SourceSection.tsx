import { useId, type FormEvent } from 'react';
import type { Environment, SettingsView } from '../../../../shared/settings';
import { TIER_NAMES } from '../../../../shared/tiers';
import { FieldProblem, SaveRow, Section } from './Field';
import { overrideExplanation } from './settingsForm';
import { useDraft } from './useDraft';
import { useSave } from './useSave';

const ENVIRONMENTS: readonly { value: Environment; label: string; words: string }[] = [
  { value: 'sandbox', label: 'Demo sandbox', words: 'The embedded simulator. Every round is labelled demo data; no key needed.' },
  { value: 'production', label: 'Production', words: 'TrackerSino, with your API key.' },
  { value: 'custom', label: 'Custom address', words: 'Another server with the same API, such as a proxy.' },
];

const TIER_WORDS: Readonly<Record<string, string>> = {
  auto: 'Detect from the key',
  starter: 'Starter (5 req/s, polling)',
  pro: 'Pro (50 req/s, live stream)',
  enterprise: 'Enterprise (200 req/s, live stream)',
};

export function SourceSection({ view }: { readonly view: SettingsView }) {
  const id = useId();
  const { settings, overridden } = view;
  const { draft, edit, settle } = useDraft({ environment: settings.environment, baseUrl: settings.baseUrl ?? '', tier: settings.tier });
  const [state, save] = useSave();
  const locked = (field: string): string | null => (overridden.includes(field) ? overrideExplanation(field).by : null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const baseUrl = draft.environment === 'custom' ? draft.baseUrl.trim() : settings.baseUrl;
    void save({ environment: draft.environment, baseUrl: baseUrl === '' ? null : baseUrl, tier: draft.tier }).then((saved) => {
      if (saved !== null) settle();
    });
  };

  const urlProblem = state.problems.baseUrl ?? (draft.environment === 'custom' ? state.error : null);
  return (
    <Section id="source" title="Data source" intro={`Recording now: ${view.running.mode === 'sandbox' ? 'the demo sandbox' : view.running.baseUrl}.`}>
      <form className="settings-form" onSubmit={submit} noValidate>
        <fieldset className="field" disabled={locked('environment') !== null}>
          <legend className="field__label">Environment</legend>
          <div className="choice-list">
            {ENVIRONMENTS.map((environment) => (
              <label key={environment.value} className="choice">
                <input
                  type="radio"
                  name={`${id}-environment`}
                  value={environment.value}
                  checked={draft.environment === environment.value}
                  onChange={() => edit({ ...draft, environment: environment.value })}
                />
                <span className="choice__text">
                  <span className="choice__label">{environment.label}</span>
                  <span className="choice__words">{environment.words}</span>
                </span>
              </label>
            ))}
          </div>
          {locked('environment') === null ? null : <p className="field__note">This {locked('environment')}.</p>}
        </fieldset>
        {draft.environment === 'custom' ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-url`}>
              Base URL
            </label>
            <input
              id={`${id}-url`}
              className="text-input"
              type="text"
              inputMode="url"
              spellCheck={false}
              autoComplete="off"
              placeholder="https://api.example.com"
              value={draft.baseUrl}
              readOnly={locked('baseUrl') !== null}
              aria-invalid={urlProblem !== null && urlProblem !== undefined}
              aria-describedby={`${id}-url-problem`}
              data-testid="base-url"
              onChange={(event) => edit({ ...draft, baseUrl: event.target.value })}
            />
            <FieldProblem id={`${id}-url-problem`} problem={urlProblem} />
          </div>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-tier`}>
            Tier
          </label>
          <select
            id={`${id}-tier`}
            className="select"
            value={draft.tier}
            disabled={locked('tier') !== null}
            onChange={(event) => edit({ ...draft, tier: event.target.value as typeof draft.tier })}
          >
            {(['auto', ...TIER_NAMES] as const).map((tier) => (
              <option key={tier} value={tier}>
                {TIER_WORDS[tier]}
              </option>
            ))}
          </select>
          <p className="field__note">{locked('tier') === null ? 'Roundlog keeps a little under the tier’s request budget.' : `This is ${locked('tier')}.`}</p>
        </div>
        <SaveRow state={{ ...state, error: draft.environment === 'custom' ? null : state.error }} hint="Saving restarts recording with the new source.">
          <button type="submit" className="button button--primary" disabled={state.busy} data-testid="save-source">
            Save source
          </button>
        </SaveRow>
      </form>
    </Section>
  );
}
