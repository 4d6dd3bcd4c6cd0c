// The JSON API with the session's token (asked for once, kept in sessionStorage).
const KEY = 'ticketlens-token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/// GET an API route. An analysis past the server's time cap (503 `timeout`) goes on running on the
/// server and fills its cache, so the request is repeated (each waits up to the cap again).
export async function api(path, params = {}, { retries = 6 } = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const url = query.toString() ? `${path}?${query}` : path;
  for (let attempt = 0; ; ++attempt) {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token.get() || ''}` } });
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (res.ok) return body;
    if (res.status === 503 && body?.error === 'timeout' && attempt < retries) continue;
    throw new ApiError(res.status, body);
  }
}
