// Background: the audit log names the social and messaging sites it saw by name (TikTok is not
// "Other"). Host (and its subdomains) -> site id, from the contract's vocabulary
// (shared_rules/contract.json), which the helper's audit log accepts too.

import { SITE_HOSTS } from "../shared/vocabulary.js";

/** The site id for an audit event: the profile's own, else the named site for this host, else other. */
export function siteOf(profileSite, host) {
  if (profileSite && profileSite !== "other") return profileSite;
  const h = String(host || "").toLowerCase();
  for (const [domain, id] of Object.entries(SITE_HOSTS)) if (h === domain || h.endsWith("." + domain)) return id;
  return "other";
}
