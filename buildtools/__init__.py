"""The code behind build.py: set-up, packaging, demo and benchmarks. Standard library only at import."""
