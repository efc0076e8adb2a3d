"""The chat's widgets (each small, each in its own module)."""
