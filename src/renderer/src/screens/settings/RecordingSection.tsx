import { useId, type FormEvent } from 'react';
import { HISTORY_DEPTHS, type SettingsView } from '../../../../shared/settings';
import { FieldProblem, SaveRow, Section } from './Field';
import { DEPTH_WORDS, gameGroups, overrideExplanation } from './settingsForm';
import { useDraft } from './useDraft';
import { useSave } from './useSave';

export function RecordingSection({ view }: { readonly view: SettingsView }) {
  const id = useId();
  const { settings, overridden } = view;
  const { draft, edit, settle } = useDraft({ games: settings.games, historyDepth: settings.historyDepth });
  const [state, save] = useSave();
  const gamesLocked = overridden.includes('games');
  const depthLocked = overridden.includes('historyDepth');
  const depths: readonly string[] = (HISTORY_DEPTHS as readonly string[]).includes(draft.historyDepth) ? HISTORY_DEPTHS : [...HISTORY_DEPTHS, draft.historyDepth];

  const toggle = (slug: string, on: boolean): void => {
    const games = on ? [...draft.games, slug] : draft.games.filter((game) => game !== slug);
    edit({ ...draft, games });
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void save({ games: draft.games, historyDepth: draft.historyDepth }).then((saved) => {
      if (saved !== null) settle();
    });
  };

  return (
    <Section id="recording" title="Recording" intro="The games Roundlog records, and how far back it fills their history.">
      <form className="settings-form" onSubmit={submit} noValidate>
        <div className="game-groups" aria-describedby={`${id}-games-problem`}>
          {gameGroups().map((group) => (
            <fieldset key={group.title} className="field game-group" disabled={gamesLocked}>
              <legend className="field__label">{group.title}</legend>
              {group.games.map((game) => (
                <label key={game.slug} className="check">
                  <input
                    type="checkbox"
                    checked={draft.games.includes(game.slug)}
                    onChange={(event) => toggle(game.slug, event.target.checked)}
                    data-testid={`track-${game.slug}`}
                  />
                  <span>
                    {game.name} <span className="check__provider">{game.provider}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <FieldProblem id={`${id}-games-problem`} problem={state.problems.games ?? (gamesLocked ? `Tracked games are ${overrideExplanation('games').by}.` : null)} />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-depth`}>
            History depth
          </label>
          <select
            id={`${id}-depth`}
            className="select"
            value={draft.historyDepth}
            disabled={depthLocked}
            onChange={(event) => edit({ ...draft, historyDepth: event.target.value })}
          >
            {depths.map((depth) => (
              <option key={depth} value={depth}>
                {DEPTH_WORDS[depth] ?? depth}
              </option>
            ))}
          </select>
          <p className="field__note">
            {depthLocked ? `This is ${overrideExplanation('historyDepth').by}.` : 'Older rounds are fetched in the background, within the tier’s request budget.'}
          </p>
          <FieldProblem id={`${id}-depth-problem`} problem={state.problems.historyDepth} />
        </div>
        <SaveRow state={state} hint="Saving restarts recording with the new settings.">
          <button type="submit" className="button button--primary" disabled={state.busy} data-testid="save-recording">
            Save recording
          </button>
        </SaveRow>
      </form>
    </Section>
  );
}
