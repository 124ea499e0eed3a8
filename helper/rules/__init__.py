"""Rules for the runtime: loading the shipped rules and the district profile from disk (loader), the rules
lint (lint), and signed rule packs: keys, signing, verifying and installing them (packs). May import the
pure engine and storage; never the web or API layers."""
