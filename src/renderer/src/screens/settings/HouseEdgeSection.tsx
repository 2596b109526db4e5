import { useId, useState, type FormEvent } from 'react';
import { findGame, gameTitle } from '../../../../shared/games';
import type { SettingsView } from '../../../../shared/settings';
import { FieldProblem, SaveRow, Section } from './Field';
import { formatHouseEdgePercent, houseEdgesFrom } from './settingsForm';
import { useDraft } from './useDraft';
import { useSave } from './useSave';

/** A house edge per tracked game for the dashboards' fair baseline; blank keeps the game's own law. */
export function HouseEdgeSection({ view }: { readonly view: SettingsView }) {
  const id = useId();
  const { games, houseEdges } = view.settings;
  const saved = Object.fromEntries(games.map((game) => [game, formatHouseEdgePercent(houseEdges[game])]));
  const { draft, edit, settle } = useDraft<Record<string, string>>(saved);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [state, save] = useSave();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = houseEdgesFrom(draft);
    if ('problems' in parsed) {
      setProblems(parsed.problems);
      return;
    }
    setProblems({});
    // Edges of games no longer tracked are kept: tracking them again brings the setting back.
    const untracked = Object.fromEntries(Object.entries(houseEdges).filter(([game]) => !games.includes(game)));
    void save({ houseEdges: { ...untracked, ...parsed.edges } }).then((result) => {
      if (result !== null) settle();
    });
  };

  return (
    <Section id="house-edge" title="House edge" intro="The fair baseline the dashboards compare with. Leave blank to use the game’s own published law.">
      <form className="settings-form" onSubmit={submit} noValidate>
        <div className="edge-list">
          {games.map((slug) => {
            const game = findGame(slug);
            const problem = problems[slug];
            return (
              <div key={slug} className="edge-row">
                <label className="edge-row__label" htmlFor={`${id}-${slug}`}>
                  {game === undefined ? slug : gameTitle(game)}
                </label>
                <span className="edge-row__input">
                  <input
                    id={`${id}-${slug}`}
                    className="text-input text-input--number"
                    type="text"
                    inputMode="decimal"
                    placeholder="own law"
                    value={draft[slug] ?? ''}
                    aria-invalid={problem !== undefined}
                    aria-describedby={`${id}-${slug}-problem`}
                    data-testid={`house-edge-${slug}`}
                    onChange={(event) => edit({ ...draft, [slug]: event.target.value })}
                  />
                  <span className="edge-row__unit" aria-hidden="true">
                    %
                  </span>
                </span>
                <FieldProblem id={`${id}-${slug}-problem`} problem={problem} />
              </div>
            );
          })}
        </div>
        <SaveRow state={state}>
          <button type="submit" className="button" disabled={state.busy} data-testid="save-house-edges">
            Save house edges
          </button>
        </SaveRow>
      </form>
    </Section>
  );
}
