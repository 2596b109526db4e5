import type { UserError } from '../../shared/contract';

/** An error a user can meet through a request: it crosses the boundary with its code and sentence. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toUserError(): UserError {
    return { code: this.code, message: this.message };
  }
}
