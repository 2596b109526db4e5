import { requestSchemas, type RequestName, type RoundlogService, type UserError } from '../../shared/contract';
import { UserFacingError } from './user-facing-error';

/** Any service answering some of the contract's requests (a core answers all but the host's). */
export type AnswersRequests = { readonly [K in RequestName]?: RoundlogService[K] };

export type DispatchResult = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: UserError };

/**
 * Runs one request that arrived over a process boundary (IPC or the serve socket): the method must
 * be the contract's, and the input must pass its schema before the service sees it.
 */
export async function dispatchRequest(service: AnswersRequests, method: string, input: unknown): Promise<DispatchResult> {
  if (!Object.hasOwn(requestSchemas, method)) {
    return { ok: false, error: { code: 'unknown_method', message: `No such request: ${method.slice(0, 60)}` } };
  }
  const name = method as RequestName;
  const parsed = requestSchemas[name].input.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ')}` } };
  }
  try {
    // The union of request signatures cannot be called through a union key; the schema above is the check.
    const call = service[name] as ((input: unknown) => Promise<unknown>) | undefined;
    if (call === undefined) return { ok: false, error: { code: 'unknown_method', message: `No such request here: ${name}` } };
    return { ok: true, output: await call(parsed.data) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.toUserError() };
    console.error(`roundlog: ${name} failed`, error);
    return { ok: false, error: { code: 'internal', message: 'Roundlog could not answer that request; see the log for details.' } };
  }
}
