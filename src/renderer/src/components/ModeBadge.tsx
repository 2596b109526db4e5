/** Shown whenever the rounds are the embedded simulator's: nobody should mistake them for a casino's. */
export function ModeBadge() {
  return (
    <div className="mode-badge" data-testid="mode-badge" role="note" title="No API key set: these rounds come from Roundlog's built-in simulator, not a casino.">
      <strong className="mode-badge__label">DEMO DATA · embedded sandbox</strong>
      <span className="mode-badge__explanation">
        No API key set: these rounds come from Roundlog&apos;s built-in simulator, not a casino.
      </span>
    </div>
  );
}
