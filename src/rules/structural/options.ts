/** Read a numeric option of a structural rule, with its default and bounds. */
export function num(options: Record<string, unknown> | undefined, name: string, dflt: number, min = 0, max = Infinity): number {
  const v = options?.[name];
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    throw new Error(`option "${name}" must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function bool(options: Record<string, unknown> | undefined, name: string, dflt: boolean): boolean {
  const v = options?.[name];
  if (v === undefined) return dflt;
  if (typeof v !== "boolean") throw new Error(`option "${name}" must be true or false, got ${JSON.stringify(v)}`);
  return v;
}
