"""Who may talk to the helper: the request guard (guard), pairing browsers (pairing), rate limits
(ratelimit), the keyring-held secret (keyring_secret) and the district-locked managed settings (managed).
May import storage and audit; never the web or API layers."""
