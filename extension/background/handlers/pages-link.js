// Background: the popup's "Open Social Guard" link. Asks the paired helper for a one-time sign-in
// address to its own pages (POST /v1/pages-link) and hands it to the popup, which opens it in a
// tab. Only an address on the helper's own loopback origin is passed on.

import { errorCode } from "../helper-client.js";

const LOGIN_URL = /^http:\/\/(127\.0\.0\.1|localhost):\d{2,5}\/ui\/login\?token=[A-Za-z0-9_\-]+$/;

export function registerPagesLink({ router, type, helper }) {
  router.register(type, async () => {
    try {
      const answer = await helper.pagesLink();
      return answer && LOGIN_URL.test(answer.url) ? { ok: true, url: answer.url } : { ok: false, error: "bad_response" };
    } catch (e) {
      return { ok: false, error: errorCode(e) };
    }
  });
}
