"""The parts of scripts/build_classification.py: words to lines, lines to (code, name)
observations, documents, and the vote that makes the shipped lists."""
