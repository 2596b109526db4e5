import type { ReactNode } from 'react';
import type { SaveState } from './useSave';

/** A field's problem, right under it, announced when it appears. */
export function FieldProblem({ id, problem }: { readonly id: string; readonly problem: string | undefined | null }) {
  return problem === undefined || problem === null ? null : (
    <p className="field__problem" id={id} role="alert" data-testid="field-problem">
      {problem}
    </p>
  );
}

/** The save row of a section: its button(s), then what happened. */
export function SaveRow({ state, children, hint }: { readonly state: SaveState; readonly children: ReactNode; readonly hint?: string | null }) {
  return (
    <div className="save-row">
      <div className="save-row__buttons">{children}</div>
      <p className={`save-row__words${state.error === null ? '' : ' save-row__words--error'}`} role="status" data-testid="save-result">
        {state.busy ? 'Saving…' : (state.error ?? state.notice ?? hint ?? '')}
      </p>
    </div>
  );
}

export function Section({ id, title, intro, children }: { readonly id: string; readonly title: string; readonly intro?: ReactNode; readonly children: ReactNode }) {
  return (
    <section className="settings-section" id={id} aria-labelledby={`${id}-title`} data-testid={`settings-${id}`}>
      <header className="settings-section__header">
        <h3 className="settings-section__title" id={`${id}-title`}>
          {title}
        </h3>
        {intro === undefined ? null : <p className="settings-section__intro">{intro}</p>}
      </header>
      {children}
    </section>
  );
}
