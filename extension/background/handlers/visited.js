// Background: answers cs-bg-visited, a link the user opened: kept in storage.session (gone when
// the browser closes) so a repost of a post with that link is not asked about it (link.unvisited).

const MAX_VISITED = 200;

export function createVisitedHandler(ctx) {
  return async (msg) => {
    const url = typeof msg.url === "string" ? msg.url.slice(0, 2000) : "";
    if (!/^https?:\/\//i.test(url)) return { ok: false };
    const { visited = [] } = await ctx.B.session.get(["visited"]);
    const next = [url, ...visited.filter((u) => u !== url)].slice(0, MAX_VISITED);
    await ctx.B.session.set({ visited: next });
    return { ok: true };
  };
}
