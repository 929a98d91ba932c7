"""World knowledge as data: places (and concepts), generated or hand-kept, read lazily."""
