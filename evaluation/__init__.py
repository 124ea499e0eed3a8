"""Evaluation tooling, outside the helper's runtime: scores the helper's checker on the project's corpora and the
public data sets, beside peer tools. It may import the helper package; the helper never imports it."""
