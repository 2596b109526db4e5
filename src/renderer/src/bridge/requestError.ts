import type { UserError } from '../../../shared/contract';

/** A failed request, with a stable code for the UI to branch on and a sentence to show. */
export class RoundlogRequestError extends Error {
  readonly code: string;

  constructor({ code, message }: UserError) {
    super(message);
    this.name = 'RoundlogRequestError';
    this.code = code;
  }
}
