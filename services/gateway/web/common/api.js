// The Clearway API, same origin, as the signed-in official (a bearer token).

/** The API answered with an error: `problem` is its application/problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The fields at fault, as the API names them (`vehicles.<VIN>`, `remarks`, …). */
  get fieldErrors() {
    return this.problem.errors || [];
  }
}

/** The request never got an answer: offline, or the network dropped it. */
export class NetworkError extends Error {}

export function createApi({ token, onUnauthorized }) {
  async function request(method, path, { body, idempotencyKey, accept } = {}) {
    const headers = { Accept: accept || 'application/json', Authorization: `Bearer ${token()}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    const text = await response.text();
    if (response.ok && accept) return text;
    const parsed = text ? JSON.parse(text) : null;
    if (response.ok) return parsed;
    if (response.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(response.status, parsed || {});
  }

  /** Every item of a paged list: follows `next_cursor` until the last page. */
  async function all(path) {
    const items = [];
    let cursor = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page = await request(
        'GET',
        `${path}${separator}${query({ limit: 200, cursor })}`,
      );
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  }

  return {
    get: (path) => request('GET', path),
    /** The answer as text, in the media type asked for (CSV, say). */
    getText: (path, accept = 'text/csv') => request('GET', path, { accept }),
    all,
    post: (path, body, options) => request('POST', path, { body: body ?? {}, ...options }),
    put: (path, body, options) => request('PUT', path, { body, ...options }),
  };
}

/** A query string of the defined values only. */
export const query = (values) =>
  new URLSearchParams(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== null),
  ).toString();
