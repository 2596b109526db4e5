/** A rate option: a probability in [0, 1]. */
export function checkRate(name: string, rate: number | undefined): number {
  const value = rate ?? 0;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`startSandbox: fault rate ${name} must be within 0..1, got ${rate}`);
  return value;
}
