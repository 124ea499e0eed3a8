// Background: the only code that talks to the local helper (127.0.0.1). Every request has a
// timeout; errors come back as thrown HelperError with a `kind` ("offline", "unauthorized",
// "http", "bad_response") so callers can fall back to the local engine.

export class HelperError extends Error {
  constructor(kind, message, status) {
    super(message || kind);
    this.kind = kind;
    this.status = status || 0;
  }
}

/** A thrown error as the popup's answers name it: "http_<status>", the HelperError's kind, or "failed". */
export function errorCode(e) {
  return e instanceof HelperError ? (e.status ? `http_${e.status}` : e.kind) : "failed";
}

export function createHelperClient({ getConfig, fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = 1500 }) {
  async function request(method, path, body, { auth = true, timeout = timeoutMs } = {}) {
    const { url, token } = await getConfig();
    if (auth && !token) throw new HelperError("unauthorized", "not paired");
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) headers.Authorization = `Bearer ${token}`;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeout);
    let resp;
    try {
      resp = await fetchImpl(url.replace(/\/+$/, "") + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
        credentials: "omit",
        cache: "no-store",
      });
    } catch (e) {
      throw new HelperError("offline", String((e && e.message) || e));
    } finally {
      clearTimeout(timer);
    }
    if (resp.status === 401 || resp.status === 403) throw new HelperError("unauthorized", "helper refused the token", resp.status);
    let data = null;
    try {
      data = await resp.json();
    } catch (e) {
      data = null;
    }
    if (!resp.ok) {
      const err = new HelperError("http", (data && data.error) || `HTTP ${resp.status}`, resp.status);
      err.data = data;
      throw err;
    }
    if (data === null || typeof data !== "object") throw new HelperError("bad_response", "not JSON");
    return data;
  }

  return {
    health: () => request("GET", "/v1/health", undefined, { auth: false, timeout: 1000 }),
    async check(input) {
      const data = await request("POST", "/v1/check", input);
      if (!Array.isArray(data.findings)) throw new HelperError("bad_response", "no findings");
      return data;
    },
    pair: (code, name) => request("POST", "/v1/pair", { code, name }, { auth: false, timeout: 5000 }),
    sendEvent: (event) => request("POST", "/v1/events", event),
    // A one-time sign-in address to the helper's own pages, for the popup's link.
    pagesLink: () => request("POST", "/v1/pages-link", {}),
    // {site, composerFound, dmSurfaceFound, checkedAt}: what the helper's status page shows as site support.
    siteHealth: (report) => request("POST", "/v1/site-health", report),
    // One photo ({image: data URL, site, surface, locale, name}); decoding a large one takes time.
    checkImage: (body) => request("POST", "/v1/check-image", body, { timeout: 15000 }),
    // The helper's rule bundle (an installed rule pack), for checks while the helper is down.
    async rules() {
      const data = await request("GET", "/v1/rules", undefined, { timeout: 5000 });
      if (!data.bundle || typeof data.bundle !== "object") throw new HelperError("bad_response", "no bundle");
      return data;
    },
  };
}
