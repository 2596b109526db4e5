import { useCallback, useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../../shared/settings';
import { useApp } from '../../app/AppContext';
import { changedOnly, patchProblems, restartsRecording, type FieldName } from './settingsForm';

export interface SaveState {
  readonly busy: boolean;
  /** Per field, what to fix before it can be saved. */
  readonly problems: Partial<Record<FieldName, string>>;
  /** Roundlog's own refusal, as it said it. */
  readonly error: string | null;
  readonly notice: string | null;
}

export const IDLE: SaveState = { busy: false, problems: {}, error: null, notice: null };

/**
 * Saves one section's settings: checks the whole draft as Roundlog will, sends only what changed,
 * and says whether recording restarts. Roundlog's own refusals come back as the sentence it sent.
 */
export function useSave(): [SaveState, (draft: SettingsPatch) => Promise<SettingsView | null>] {
  const { service, settings } = useApp();
  const [state, setState] = useState<SaveState>(IDLE);
  const save = useCallback(
    async (draft: SettingsPatch): Promise<SettingsView | null> => {
      const problems = patchProblems(draft);
      if (Object.keys(problems).length > 0) {
        setState({ ...IDLE, problems });
        return null;
      }
      const changes = settings === null ? draft : changedOnly(settings.settings, draft);
      if (Object.keys(changes).length === 0) {
        setState({ ...IDLE, notice: 'Nothing to save: these are the settings in use.' });
        return settings;
      }
      setState({ ...IDLE, busy: true });
      try {
        const view = await service.updateSettings(changes);
        setState({ ...IDLE, notice: restartsRecording(changes) ? 'Saved. Recording restarts with the new settings.' : 'Saved.' });
        return view;
      } catch (error) {
        setState({ ...IDLE, error: error instanceof Error && error.message !== '' ? error.message : 'Roundlog could not save this. Try again.' });
        return null;
      }
    },
    [service, settings],
  );
  return [state, save];
}
