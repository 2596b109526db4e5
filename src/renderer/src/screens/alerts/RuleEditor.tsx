import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AlertKind, AlertRule } from '../../../../shared/alerts';
import { useApp } from '../../app/AppContext';
import { gameLabel, ruleFromDraft, segmentChoices, type RuleDraft, type RuleField } from './ruleForm';

const KINDS: readonly { readonly kind: AlertKind; readonly label: string }[] = [
  { kind: 'multiplier', label: 'A multiplier at or above' },
  { kind: 'segment', label: 'A segment or bonus lands' },
  { kind: 'drought', label: 'A drought lasts' },
  { kind: 'streak', label: 'A streak below a multiplier' },
];

interface RuleEditorProps {
  readonly initial: RuleDraft;
  /** Games offered: the tracked ones first. */
  readonly games: readonly string[];
  readonly onSaved: (rule: AlertRule) => void;
  readonly onCancel: () => void;
}

/** Creates or edits a rule; every problem is said next to its field, Roundlog's own refusal under the buttons. */
export function RuleEditor({ initial, games, onSaved, onCancel }: RuleEditorProps) {
  const id = useId();
  const { service } = useApp();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [problems, setProblems] = useState<Partial<Record<RuleField, string>>>({});
  const [busy, setBusy] = useState(false);
  const edit = (change: Partial<RuleDraft>): void => setDraft((current) => ({ ...current, ...change }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = ruleFromDraft(draft);
    if ('problems' in parsed) {
      setProblems(parsed.problems);
      return;
    }
    setProblems({});
    setBusy(true);
    service
      .saveAlertRule(parsed.rule)
      .then(onSaved)
      .catch((error: unknown) => setProblems({ form: (error as Error).message }))
      .finally(() => setBusy(false));
  };

  const field = (name: RuleField, label: string, control: ReactNode, note?: string) => (
    <div className="field alert-form__field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      {control}
      {note === undefined ? null : <p className="field__note">{note}</p>}
      <Problem id={`${id}-${name}-problem`} text={problems[name]} />
    </div>
  );
  /** A labelled control whose problems are said elsewhere. */
  const plain = (key: string, label: string, control: ReactNode) => (
    <div className="field alert-form__field">
      <label className="field__label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      {control}
    </div>
  );
  const textInput = (name: RuleField, value: string, onChange: (value: string) => void, placeholder?: string) => (
    <input
      id={`${id}-${name}`}
      className="text-input text-input--number"
      type="text"
      inputMode="decimal"
      value={value}
      placeholder={placeholder}
      aria-invalid={problems[name] !== undefined}
      aria-describedby={`${id}-${name}-problem`}
      data-testid={`rule-${name}`}
      onChange={(event) => onChange(event.target.value)}
    />
  );
  const check = (label: string, checked: boolean, onChange: (checked: boolean) => void, testId: string) => (
    <label className="check">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
  const segmentPicker = (
    <fieldset className="alert-form__segments" aria-describedby={`${id}-segments-problem`} data-testid="rule-segments">
      <legend className="field__label">Segments</legend>
      {segmentChoices(draft.games).map((choice) => (
        <label key={choice.code} className="check">
          <input
            type="checkbox"
            checked={draft.segments.includes(choice.code)}
            data-testid={`rule-segment-${choice.code}`}
            onChange={(event) => edit({ segments: event.target.checked ? [...draft.segments, choice.code] : draft.segments.filter((code) => code !== choice.code) })}
          />
          <span>{choice.label}</span>
        </label>
      ))}
      <Problem id={`${id}-segments-problem`} text={problems.segments} />
    </fieldset>
  );

  return (
    <form className="alert-form" onSubmit={submit} noValidate data-testid="rule-editor" aria-label={draft.id === null ? 'New alert rule' : 'Edit alert rule'}>
      <h3 className="alert-form__title">{draft.id === null ? 'New rule' : 'Edit rule'}</h3>
      {field('name', 'Name', <input id={`${id}-name`} className="text-input" type="text" value={draft.name} placeholder="e.g. Stake 1000×" aria-invalid={problems.name !== undefined} aria-describedby={`${id}-name-problem`} data-testid="rule-name" onChange={(event) => edit({ name: event.target.value })} />)}

      <fieldset className="alert-form__games" aria-describedby={`${id}-games-problem`}>
        <legend className="field__label">Games (each is watched on its own)</legend>
        <div className="alert-form__game-list">
          {games.map((game) =>
            check(gameLabel(game), draft.games.includes(game), (checked) => edit({ games: checked ? [...draft.games, game] : draft.games.filter((slug) => slug !== game) }), `rule-game-${game}`),
          )}
        </div>
        <Problem id={`${id}-games-problem`} text={problems.games} />
      </fieldset>

      {plain(
        'kind',
        'When',
        <select id={`${id}-kind`} className="select" value={draft.kind} data-testid="rule-kind" onChange={(event) => edit({ kind: event.target.value as AlertKind })}>
          {KINDS.map(({ kind, label }) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>,
      )}

      {draft.kind === 'multiplier' ? field('atLeast', 'Multiplier at least (×)', textInput('atLeast', draft.atLeast, (atLeast) => edit({ atLeast }), '100')) : null}
      {draft.kind === 'segment' ? segmentPicker : null}
      {draft.kind === 'streak' ? (
        <>
          {field('below', 'Rounds below (×)', textInput('below', draft.below, (below) => edit({ below }), '2'))}
          {field('rounds', 'More than this many in a row', textInput('rounds', draft.rounds, (rounds) => edit({ rounds }), '20'))}
        </>
      ) : null}
      {draft.kind === 'drought' ? (
        <>
          {plain(
            'drought-of',
            'Rounds since',
            <select id={`${id}-drought-of`} className="select" value={draft.droughtOf} data-testid="rule-drought-of" onChange={(event) => edit({ droughtOf: event.target.value as RuleDraft['droughtOf'] })}>
              <option value="multiplier">a round at or above a multiplier</option>
              <option value="segments">a segment or bonus</option>
            </select>,
          )}
          {draft.droughtOf === 'multiplier' ? field('atLeast', 'Multiplier (×)', textInput('atLeast', draft.atLeast, (atLeast) => edit({ atLeast }), '100')) : segmentPicker}
          {field(
            draft.limitBy === 'rounds' ? 'rounds' : 'percentile',
            'Longer than',
            <div className="alert-form__inline">
              <select className="select" value={draft.limitBy} data-testid="rule-limit-by" onChange={(event) => edit({ limitBy: event.target.value as RuleDraft['limitBy'] })}>
                <option value="rounds">this many rounds</option>
                <option value="percentile">this percentile of a fair game (%)</option>
              </select>
              {draft.limitBy === 'rounds'
                ? textInput('rounds', draft.rounds, (rounds) => edit({ rounds }), '200')
                : textInput('percentile', draft.percentile, (percentile) => edit({ percentile }), '99')}
            </div>,
            draft.limitBy === 'percentile' ? 'Fires once the drought is longer than that share of droughts in a fair game (needs the game’s published odds).' : undefined,
          )}
        </>
      ) : null}

      {field('cooldown', 'Cooldown (minutes)', textInput('cooldown', draft.cooldownMinutes, (cooldownMinutes) => edit({ cooldownMinutes }), '0'), 'After firing on any of its games, the rule stays silent this long.')}

      <div className="field alert-form__field">
        {check('Quiet hours (kept in the feed, not notified)', draft.quiet, (quiet) => edit({ quiet }), 'rule-quiet')}
        {draft.quiet ? (
          <div className="alert-form__inline">
            <input className="text-input" type="time" aria-label="Quiet from" value={draft.quietStart} data-testid="rule-quiet-start" onChange={(event) => edit({ quietStart: event.target.value })} />
            <span aria-hidden="true">to</span>
            <input className="text-input" type="time" aria-label="Quiet until" value={draft.quietEnd} data-testid="rule-quiet-end" onChange={(event) => edit({ quietEnd: event.target.value })} />
          </div>
        ) : null}
        <Problem id={`${id}-quiet-problem`} text={problems.quiet} />
      </div>

      <div className="alert-form__checks">
        {check('Sound', draft.sound, (sound) => edit({ sound }), 'rule-sound')}
        {check('Also for backfilled rounds', draft.includeBackfill, (includeBackfill) => edit({ includeBackfill }), 'rule-backfill')}
        {check('Enabled', draft.enabled, (enabled) => edit({ enabled }), 'rule-enabled')}
      </div>

      <div className="save-row">
        <div className="save-row__buttons">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="save-rule">
            {draft.id === null ? 'Create rule' : 'Save rule'}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <p className={`save-row__words${problems.form === undefined ? '' : ' save-row__words--error'}`} role="status" data-testid="rule-result">
          {busy ? 'Saving…' : (problems.form ?? '')}
        </p>
      </div>
    </form>
  );
}

function Problem({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  return text === undefined ? null : (
    <p className="field__problem" id={id} role="alert" data-testid="field-problem">
      {text}
    </p>
  );
}
