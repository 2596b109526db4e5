import { diceFor } from '../round-hash';
import { MatchStory, type Cs2Event } from './match-story';

// Plays a few CS2 matches at once on wall-clock timers (divided by the sandbox speed); when one
// finishes, the next is created. Match n is seeded from (seed, n), so the sandbox seed makes the
// whole schedule reproducible.

export interface MatchWorldOptions {
  readonly seed: string;
  readonly speed: number;
  /** Matches played at the same time; default 2. */
  readonly concurrentMatches: number;
}

/** Finished matches kept for /stream/{match_id} and the REST mirror. */
const FINISHED_KEPT = 50;

export class MatchWorld {
  private readonly stories = new Map<string, MatchStory>();
  private readonly listeners = new Set<(event: Cs2Event) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private matchesCreated = 0;
  private closed = false;

  constructor(private readonly options: MatchWorldOptions) {}

  start(): void {
    for (let slot = 0; slot < this.options.concurrentMatches; slot++) this.begin();
  }

  onEvent(listener: (event: Cs2Event) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Current state, as frames: every match not finished, its open markets and scoreboard. */
  snapshot(matchId: string | null): Cs2Event[] {
    const events: Cs2Event[] = [];
    for (const story of this.stories.values()) {
      if (matchId === null || story.id === matchId) events.push(...story.snapshot());
    }
    return events;
  }

  find(matchId: string): MatchStory | undefined {
    return this.stories.get(matchId);
  }

  matches(): MatchStory[] {
    return [...this.stories.values()];
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private begin(): void {
    const n = this.matchesCreated++;
    const story = new MatchStory(diceFor(`${this.options.seed}:cs2:${n}`), Date.now());
    this.stories.set(story.id, story);
    this.forgetOldMatches();
    this.tell(story, story.steps());
  }

  /** Runs the story up to its next wait, emitting what happens, then sleeps through the wait. */
  private tell(story: MatchStory, steps: Generator<number | readonly Cs2Event[], void, void>): void {
    if (this.closed) return;
    story.clockMs = Date.now();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) {
        this.begin();
        return;
      }
      if (typeof step.value === 'number') {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.tell(story, steps);
        }, Math.max(1, Math.round(step.value / this.options.speed)));
        timer.unref();
        this.timers.add(timer);
        return;
      }
      for (const event of step.value) for (const listener of this.listeners) listener(event);
    }
  }

  private forgetOldMatches(): void {
    const finished = [...this.stories.values()].filter((story) => story.status === 'finished');
    for (const story of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.stories.delete(story.id);
  }
}
