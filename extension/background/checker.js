// Background: answers "check this draft". Asks the helper when paired and reachable; otherwise
// (or when it fails or is slow) runs the local JavaScript engine on the same rule bundle, so DM
// warnings and the core rules work with the helper down. Never stores the text it checks.

const RETRY_HELPER_AFTER_MS = 15000;

export function createChecker({ helper, getEngine, now = () => Date.now(), onHelperState = () => {} }) {
  let helperDownUntil = 0;
  let lastState = null;

  function setState(state) {
    if (state !== lastState) {
      lastState = state;
      onHelperState(state);
    }
  }

  async function checkLocal(input) {
    const engine = await getEngine();
    const result = engine.check(input);
    return { findings: result.findings || [], source: "local" };
  }

  return {
    get helperState() {
      return lastState;
    },
    /** Forget a recent failure, e.g. after pairing. */
    reset() {
      helperDownUntil = 0;
    },
    async check(input, { paired }) {
      if (paired && now() >= helperDownUntil) {
        try {
          const result = await helper.check(input);
          setState("connected");
          return { findings: result.findings, source: "helper" };
        } catch (e) {
          helperDownUntil = now() + RETRY_HELPER_AFTER_MS;
          setState(e && e.kind === "unauthorized" ? "unauthorized" : "offline");
        }
      }
      return checkLocal(input);
    },
  };
}
