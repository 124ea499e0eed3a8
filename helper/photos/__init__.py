"""Photos: decoding within a budget, faces and face matching, metadata (GPS, named people), the
do-not-publish list and the worker processes that run the decoding. May import the engine (for
findings), storage and school; never the web or API layers."""
