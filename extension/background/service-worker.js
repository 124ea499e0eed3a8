// Background service worker (Chrome) / event page (Firefox): wiring only. Makes the shared
// services (context.js), registers one handler per message on the router (handlers/*.js), and
// listens. It never touches a page's DOM and never stores the text of a draft. Listeners are
// registered synchronously at start-up, as MV3 requires.
import "../platform/browser-api.js";
import "../shared/messages.js";
import { createRouter } from "./router.js";
import { createContext } from "./context.js";
import { siteEnabled, canOverride } from "./settings.js";
import { createSiteConfigHandler } from "./handlers/site-config.js";
import { createCheckHandler } from "./handlers/check.js";
import { createEventHandler } from "./handlers/event.js";
import { createHealthHandler } from "./handlers/health.js";
import { createVisitedHandler } from "./handlers/visited.js";
import { createStatusHandler } from "./handlers/status.js";
import { createPairHandler } from "./handlers/pair.js";
import { createSetSiteHandler } from "./handlers/set-site.js";
import { registerPhotoHandlers } from "./handlers/photos.js";
import { registerPagesLink } from "./handlers/pages-link.js";

const B = globalThis.SocialGuardBrowser;
const M = globalThis.SocialGuardMessages;
const ctx = createContext(B);

const router = createRouter({ runtimeId: B.runtimeId, extensionOrigin: B.getURL(""), siteHosts: ctx.siteHosts });
router.register(M.CS_BG_SITE_CONFIG, createSiteConfigHandler(ctx));
router.register(M.CS_BG_CHECK, createCheckHandler(ctx));
router.register(M.CS_BG_EVENT, createEventHandler(ctx));
router.register(M.CS_BG_HEALTH, createHealthHandler(ctx));
router.register(M.CS_BG_VISITED, createVisitedHandler(ctx));
registerPhotoHandlers({ router, type: M.CS_BG_CHECK_IMAGE, helper: ctx.helper, getBundle: ctx.getBundle,
  currentSettings: ctx.currentSettings, profileFor: ctx.profileFor, siteEnabled, canOverride,
  localeOf: ctx.localeOf, onHelperAnswer: () => ctx.queue.flush() });
router.register(M.UI_BG_STATUS, createStatusHandler(ctx));
router.register(M.UI_BG_PAIR, createPairHandler(ctx));
router.register(M.UI_BG_SET_SITE, createSetSiteHandler(ctx));
registerPagesLink({ router, type: M.UI_BG_PAGES_LINK, helper: ctx.helper });

B.onMessage((message, sender, sendResponse) => {
  router.handle(message, sender).then(sendResponse);
  return true;
});

// Deliver whatever the last run left behind.
ctx.queue.flush();

// Warm the local engine as the worker starts (it restarts after idling), so the first check of a
// draft does not pay for loading the bundle and compiling the rules.
ctx.getEngine()
  .then((engine) => engine.check({ text: "warm up 309-555-0142 https://example.org", site: "other", surface: "post" }))
  .catch(() => {});
