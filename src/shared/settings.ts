import { z } from 'zod';
import { DEFAULT_GAMES, SLUG_PATTERN } from './games';
import { TIER_NAMES } from './tiers';

// The user's settings as every UI reads and changes them. The API key goes in and never comes
// back: the view only says whether one is stored and shows its last four characters.

export const ENVIRONMENTS = ['sandbox', 'production', 'custom'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const THEMES = ['dark', 'light'] as const;
export type Theme = (typeof THEMES)[number];

/** History depths offered in settings; any `Nm`/`Nh`/`Nd` duration or `all` is accepted. */
export const HISTORY_DEPTHS = ['1h', '6h', '24h', '7d', '30d', '90d', 'all'] as const;
export const HISTORY_DEPTH_PATTERN = /^(all|[1-9]\d{0,4}(m|h|d))$/;

const slug = z.string().regex(SLUG_PATTERN, 'not a game slug');

export const settingsSchema = z
  .object({
    /** `sandbox`: the embedded demo server; `production`: TrackerSino; `custom`: `baseUrl`. */
    environment: z.enum(ENVIRONMENTS),
    /** Only for `custom`: an http(s) URL. */
    baseUrl: z.string().url().max(300).nullable(),
    tier: z.enum(['auto', ...TIER_NAMES]),
    games: z.array(slug).min(1, 'track at least one game').max(64),
    historyDepth: z.string().regex(HISTORY_DEPTH_PATTERN, 'a duration such as 6h or 7d, or "all"'),
    /** A house edge per game for the fair baseline, where the user overrides the game's own. */
    houseEdges: z.record(slug, z.number().min(0).lt(1)),
    /** Tracked games the user paused: not recorded until resumed, across restarts too. */
    paused: z.array(slug).max(64),
    theme: z.enum(THEMES),
    /** False until the first-run screen was dismissed. */
    firstRunDone: z.boolean(),
    /** Desktop app only: start when the user logs in, in the tray with the window hidden. */
    startAtLogin: z.boolean(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Printable ASCII only: a key goes into an HTTP header, and a control character there makes
 * fetch throw an error that quotes the whole header, key included.
 */
export const API_KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/** What changes: any subset of the settings, and the key (a string to store, null to forget it). */
export const settingsPatchSchema = settingsSchema
  .partial()
  .extend({
    apiKey: z
      .string()
      .trim()
      .min(8, 'an API key is longer than that')
      .max(512)
      .regex(/^\S+$/, 'paste the key without spaces or the "Bearer " prefix')
      .regex(API_KEY_CHARACTERS, 'the key holds a control or non-ASCII character, which no API key has; copy it again from TrackerSino')
      .nullable()
      .optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * How a key is kept at rest: `keychain` (encrypted by the OS), `owner-file` (`roundlog serve`: a
 * 0600 file), `plain-text` (Linux without a keyring: only obfuscated), `unavailable` (not stored
 * at all), `environment` (given for this run, not stored). `plain-text` and `unavailable` are
 * warned about before a key is typed.
 */
export const KEY_PROTECTION_KINDS = ['keychain', 'owner-file', 'plain-text', 'unavailable', 'environment'] as const;
export const keyProtectionSchema = z
  .object({
    kind: z.enum(KEY_PROTECTION_KINDS),
    /** Said plainly, as a sentence (e.g. "Encrypted by the operating system keychain."). */
    text: z.string().min(1).max(400),
  })
  .strict();
export type KeyProtection = z.infer<typeof keyProtectionSchema>;

export const settingsViewSchema = z
  .object({
    settings: settingsSchema,
    apiKey: z
      .object({
        stored: z.boolean(),
        /** `…a1b2`: the last four characters, never more. */
        hint: z.string().nullable(),
        /** `environment`: TRACKERSINO_API_KEY or a flag wins over settings and cannot be changed here. */
        source: z.enum(['settings', 'environment']).nullable(),
        /** How the key is kept, or would be once saved: known before a key is typed, so a weak store is warned about first. */
        protection: keyProtectionSchema,
      })
      .strict(),
    /** Settings a command-line flag or environment variable overrides for this run. */
    overridden: z.array(z.string()),
    /** What runs now: the sandbox or live, against which URL. */
    running: z.object({ mode: z.enum(['sandbox', 'live']), baseUrl: z.string() }).strict(),
    data: z
      .object({
        folder: z.string(),
        /** Bytes of the history files in the folder (database, WAL). */
        bytes: z.number().int().nonnegative(),
        historyFile: z.string(),
      })
      .strict(),
  })
  .strict();
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const DEFAULT_SETTINGS: Settings = {
  environment: 'sandbox',
  baseUrl: null,
  tier: 'auto',
  games: [...DEFAULT_GAMES],
  historyDepth: '6h',
  houseEdges: {},
  paused: [],
  theme: 'dark',
  firstRunDone: false,
  startAtLogin: false,
};
