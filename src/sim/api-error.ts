// Every error the sandbox answers is `{"error": code, "message": sentence}`, as the seed's
// "Error responses" section promises.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: code, message });
}

/** Client text quoted back in a message, cut short so a hostile query cannot bloat the answer. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export function badParameter(name: string, requirement: string): ApiError {
  return new ApiError(400, 'bad_request', `The parameter ${quoted(name)} ${requirement}.`);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'unauthorized', 'The API key is missing or was rejected; send it as "Authorization: Bearer <key>".');
}

/** Headers that go with an error status. */
export function errorHeaders(status: number): Record<string, string> {
  if (status === 401) return { 'www-authenticate': 'Bearer' };
  if (status === 405) return { allow: 'GET' };
  return {};
}
