"""Social Guard's local helper: checks drafts against the district's social-media procedure."""
__version__ = "0.1.0"
