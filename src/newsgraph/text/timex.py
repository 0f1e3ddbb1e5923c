def find_timexes(text, published): return []
