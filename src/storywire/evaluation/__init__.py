"""Evaluation harnesses: how well each stage does on labelled data from ../shared/data."""
