"""Everything that touches disk or network for the others: the SQLite store and its migrations,
atomic file writes, file watching, and the one HTTPS fetch used by feeds and rule packs. Imports only the
standard library; every other package may import it."""
