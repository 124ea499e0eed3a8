// Background: the audit log names the social and messaging sites it saw by name (TikTok is not
// "Other"). Host (and its subdomains) -> site id; the helper accepts the same ids (helper/audit.py
// SITES, checked against this file by tests/test_audit.py).

export const OTHER_SITES = Object.freeze({
  "tiktok.com": "tiktok",
  "snapchat.com": "snapchat",
  "discord.com": "discord",
  "discord.gg": "discord",
  "whatsapp.com": "whatsapp",
  "telegram.org": "telegram",
  "t.me": "telegram",
  "kik.com": "kik",
  "reddit.com": "reddit",
  "tumblr.com": "tumblr",
  "threads.net": "threads",
  "threads.com": "threads",
  "bsky.app": "bluesky",
  "mastodon.social": "mastodon",
  "pinterest.com": "pinterest",
  "linkedin.com": "linkedin",
  "wechat.com": "wechat",
  "signal.org": "signal",
  "groupme.com": "groupme",
  "twitch.tv": "twitch",
  "omegle.com": "omegle",
  "yubo.live": "yubo",
  "bereal.com": "bereal",
  "youtube.com": "youtube",
  "remind.com": "remind",
});

/** The site id for an audit event: the profile's own, else the named site for this host, else other. */
export function siteOf(profileSite, host) {
  if (profileSite && profileSite !== "other") return profileSite;
  const h = String(host || "").toLowerCase();
  for (const [domain, id] of Object.entries(OTHER_SITES)) if (h === domain || h.endsWith("." + domain)) return id;
  return "other";
}
