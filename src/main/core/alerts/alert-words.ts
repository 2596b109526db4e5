import type { AlertRule } from '../../../shared/alerts';
import type { Round } from '../round';
import { gameTitleOf } from '../../../shared/games';
import { formatMultiplier } from '../../../shared/multiplier-text';
import { segmentLabel } from '../../../shared/segment-text';
import { thresholdLabel, type Target } from './rule-plan';

// The sentences an alert is shown with, in the notification and the feed alike. They are written
// once, when the alert fires, and stored with it: a later rename of the rule does not re-word it.

export interface AlertWords {
  readonly title: string;
  readonly body: string;
  readonly route: string;
}

/** `round 7393…1234`: enough of the id to tell rounds apart in a sentence; the feed links the whole. */
function shortRound(round: Pick<Round, 'roundId' | 'roundIndex'>): string {
  const id = round.roundIndex === null ? round.roundId : round.roundIndex.toString();
  return id.length <= 10 ? id : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** 0.9712 → `97.1%`; never `100%` for a wait that a fair game can still give. */
function percent(share: number): string {
  const text = (Math.floor(share * 1000) / 10).toFixed(1);
  return `${text.endsWith('.0') ? text.slice(0, -2) : text}%`;
}

export function alertWords(rule: AlertRule, target: Target, round: Round, run: { rounds: number; percentile: number | null } | null): AlertWords {
  const game = gameTitleOf(round.game);
  const where = `(round ${shortRound(round)})`;
  const usual = run === null || run.percentile === null ? '' : ` — longer than ${percent(run.percentile)} of waits in a fair game`;
  let body: string;
  switch (rule.condition.kind) {
    case 'multiplier':
      body = `${game} hit ${formatMultiplier(round.multiplier)} ${where}.`;
      break;
    case 'segment':
      body = `${game} landed ${round.segment === null ? 'a segment' : segmentLabel(round.segment, round.game).text} ${where}.`;
      break;
    case 'drought':
      body = `${game}: ${count(run?.rounds ?? 0)} rounds without ${target.label}${usual} ${where}.`;
      break;
    case 'streak':
      body = `${game}: ${count(run?.rounds ?? 0)} rounds in a row below ${thresholdLabel(rule.condition.below)}${usual} ${where}.`;
      break;
  }
  return {
    title: rule.name,
    body,
    route: `#/history/${round.game}/${encodeURIComponent(round.roundId)}`,
  };
}
