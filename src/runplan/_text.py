"""Text helpers shared by the exporters and the roster index (filled in by the layout work)."""
