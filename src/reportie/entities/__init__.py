"""Entities: gazetteers, rules, canonical names and the recogniser that combines them."""
