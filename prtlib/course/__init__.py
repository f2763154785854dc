"""The course built on the trial: explorers, exercise sets and checks, figures, authoring, documentation, release, grading and teaching links."""
