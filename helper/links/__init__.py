"""Links: the district's threat-feed subscriptions (feeds), reading hosts out of a feed (feed_hosts) and
compact host sets (hostset). May import the pure engine and storage; never the web or API layers."""
