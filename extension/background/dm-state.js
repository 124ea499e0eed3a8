// Background: whether a site's DM surface is working, as told truthfully. A page that is not a DM
// address and shows no DM view says nothing about DMs, so "missing" is reported only after the site
// was seen at a DM address (its profile's dm_paths) without a DM surface. "found" | "missing" | "unknown".

function onDmAddress(profile, url) {
  let path;
  try {
    path = new URL(url).pathname;
  } catch (e) {
    return false;
  }
  return (profile.dm_paths || []).some((p) => {
    try {
      return new RegExp(p).test(path);
    } catch (e) {
      return false;
    }
  });
}

export function dmState(previous, dmSurfaceFound, profile, url) {
  if (dmSurfaceFound) return "found";
  if (onDmAddress(profile || {}, url)) return "missing";
  return previous || "unknown";
}
