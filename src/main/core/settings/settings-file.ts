import { readFileSync, renameSync } from 'node:fs';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings';
import { writeFileAtomically } from '../atomic-write';
import { UserFacingError } from '../user-facing-error';

// settings.json in the data folder. Read field by field, so one bad value (edited by hand, or
// written by a newer version) costs that field its default and nothing else; an unreadable file
// is moved aside, never overwritten. Writes go to a temporary file renamed over the old one, so a
// crash or a full disk leaves the previous settings whole.

export class SettingsFile {
  constructor(
    readonly path: string,
    private readonly log: (message: string) => void,
  ) {}

  read(): Settings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`settings could not be read (${(error as Error).message}); using defaults`);
      return DEFAULT_SETTINGS;
    }
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch {
      saved = null;
    }
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
      const aside = `${this.path}.unreadable`;
      renameSync(this.path, aside);
      this.log(`settings file was not JSON; kept as ${aside}, using defaults`);
      return DEFAULT_SETTINGS;
    }
    return readFields(saved as Record<string, unknown>, (field, why) => this.log(`setting "${field}" ignored: ${why}`));
  }

  write(settings: Settings): void {
    try {
      writeFileAtomically(this.path, `${JSON.stringify(settings, null, 2)}\n`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
      throw new UserFacingError('settings_not_saved', `Settings could not be saved: ${reason}. Nothing was changed; free some space or check the data folder, then try again.`);
    }
  }
}

/** Each known field checked on its own against the schema; unknown fields are dropped. */
export function readFields(saved: Record<string, unknown>, ignored: (field: string, why: string) => void): Settings {
  const fields = settingsSchema.shape;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (!(key in saved)) continue;
    const parsed = fields[key].safeParse(saved[key]);
    if (parsed.success) settings[key] = parsed.data;
    else ignored(key, parsed.error.issues[0]?.message ?? 'invalid');
  }
  const checked = settingsSchema.safeParse(settings);
  return checked.success ? checked.data : DEFAULT_SETTINGS;
}
