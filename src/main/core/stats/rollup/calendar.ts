// Rollups are kept per UTC hour and per UTC day, numbered from the epoch.

export const HOUR_US = 3_600_000_000;
export const DAY_US = 24 * HOUR_US;

export const hourOf = (us: number): number => Math.floor(us / HOUR_US);
export const dayOf = (us: number): number => Math.floor(us / DAY_US);
