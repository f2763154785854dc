"""Static figures of the lessons, one module per topic; explorers and notebooks draw them from here."""
