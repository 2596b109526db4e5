import { useState } from 'react';
import { useApp } from '../../app/AppContext';
import './settings.css';
import './first-run.css';

/** Shown until dismissed: what the demo is, and how to record real rounds instead. */
export function FirstRunScreen() {
  const { service, navigate } = useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const finish = (then: (() => void) | null): void => {
    setBusy(true);
    setProblem(null);
    service
      .updateSettings({ firstRunDone: true })
      .then(() => then?.())
      .catch((error: unknown) => setProblem(error instanceof Error && error.message !== '' ? error.message : 'Roundlog could not save this. Try again.'))
      .finally(() => setBusy(false));
  };
  return (
    <div className="first-run" data-testid="first-run">
      <section className="first-run__card" aria-labelledby="first-run-title">
        <p className="first-run__eyebrow">Welcome to Roundlog</p>
        <h2 className="first-run__title" id="first-run-title">
          Every round, recorded and kept.
        </h2>
        <p className="first-run__lead">
          Roundlog records each round of the live casino games you follow into a history on this computer, shows them as they happen, and
          answers statistics offline, always beside what a fair game would do.
        </p>
        <div className="first-run__paths">
          <article className="first-run__path">
            <h3>
              <span className="first-run__badge">DEMO</span> Explore right away
            </h3>
            <p>
              Without a key, Roundlog records its built-in sandbox: a simulator of Stake Crash, Crazy Time and the other games. Its rounds
              are <strong>demo data</strong>, labelled so on every screen, and never mixed up with a casino’s.
            </p>
            <button type="button" className="button button--primary first-run__button" disabled={busy} onClick={() => finish(null)} data-testid="explore-demo">
              Explore the demo
            </button>
          </article>
          <article className="first-run__path">
            <h3>Record real rounds</h3>
            <ol className="first-run__steps">
              <li>
                Open <strong>Settings → API key</strong> and paste your TrackerSino key.
              </li>
              <li>
                Under <strong>Data source</strong>, choose <strong>Production</strong> and save.
              </li>
              <li>Pick the games to track. Roundlog fills their recent history, then follows them live.</li>
            </ol>
            <button
              type="button"
              className="button first-run__button"
              disabled={busy}
              onClick={() => finish(() => navigate({ screen: 'settings' }))}
              data-testid="connect-key"
            >
              Connect a key
            </button>
          </article>
        </div>
        <p className="first-run__foot" role={problem === null ? undefined : 'alert'}>
          {problem ?? 'Your key stays on this computer, kept by the main process; Roundlog only ever shows its last four characters.'}
        </p>
      </section>
    </div>
  );
}
