import { useApp } from '../../app/AppContext';
import { ConnectionPanel } from '../../components/status';
import { ApiKeySection } from './ApiKeySection';
import { AppearanceSection } from './AppearanceSection';
import { DataSection } from './DataSection';
import { DesktopSection, isDesktopApp } from './DesktopSection';
import { Section } from './Field';
import { HouseEdgeSection } from './HouseEdgeSection';
import { RecordingSection } from './RecordingSection';
import { overrideExplanation } from './settingsForm';
import { SourceSection } from './SourceSection';
import './settings.css';

const SECTIONS = [
  { id: 'source', title: 'Data source' },
  { id: 'api-key', title: 'API key' },
  { id: 'recording', title: 'Recording' },
  { id: 'house-edge', title: 'House edge' },
  { id: 'appearance', title: 'Appearance' },
  { id: 'desktop', title: 'Desktop', desktopOnly: true },
  { id: 'data', title: 'Data' },
  { id: 'connection', title: 'Connection' },
] as const;

export function SettingsScreen() {
  const { settings, live } = useApp();
  const desktop = isDesktopApp();
  return (
    <div className="settings" data-testid="settings">
      <nav className="settings__nav" aria-label="Settings sections">
        <h2 className="settings__heading">Settings</h2>
        <ul>
          {SECTIONS.filter((section) => desktop || !('desktopOnly' in section)).map((section) => (
            <li key={section.id}>
              <a
                href={`#${section.id}`}
                onClick={(event) => {
                  // The hash is the router's: scroll without touching it.
                  event.preventDefault();
                  const target = document.getElementById(section.id);
                  target?.scrollIntoView({ block: 'start' });
                  target?.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
                }}
              >
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__body">
        {settings === null ? (
          <p className="settings__waiting">Reading the settings…</p>
        ) : (
          <>
            {settings.overridden.length === 0 ? null : (
              <aside className="overrides" aria-label="Overridden for this run" data-testid="overridden">
                <p className="overrides__title">Some settings are fixed for this run</p>
                <ul>
                  {settings.overridden.map((field) => {
                    const { label, by } = overrideExplanation(field);
                    return (
                      <li key={field}>
                        <strong>{label}</strong>: {by}. Settings saved here apply once Roundlog runs without it.
                      </li>
                    );
                  })}
                </ul>
              </aside>
            )}
            <SourceSection view={settings} />
            <ApiKeySection view={settings} />
            <RecordingSection view={settings} />
            <HouseEdgeSection view={settings} />
            <AppearanceSection view={settings} />
            {desktop ? <DesktopSection view={settings} /> : null}
            <DataSection view={settings} />
          </>
        )}
        <Section id="connection" title="Connection" intro="Each game’s link, backfill, completeness and quarantine, as the sync engine reports them.">
          <ConnectionPanel status={live.status} />
        </Section>
      </div>
    </div>
  );
}
