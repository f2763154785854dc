"""Exercise definitions, one module per lesson (``lessonNN``), loaded on first check."""
