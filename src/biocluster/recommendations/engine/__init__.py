"""The partner recommender: pure Python (no Django), learnt from the link graph\x27s own past."""
