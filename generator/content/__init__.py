"""Stages 1 and 2: the content folder in, a validated `Corpus` out.

Find and parse every file strictly (`load`, `strict_yaml`), type it against the
model (`model`, `fields`, `dates`, `editor_markdown`), check the references between
files (`cross_references`) and the rules across them (`validate`), and say every
problem the editor must fix (`problems`, `model_messages`, `suggest`)."""
