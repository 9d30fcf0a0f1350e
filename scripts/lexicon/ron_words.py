"""Writes a lexicon file of one word class, wrapped at 104 columns, as
given_names.py and surnames.py generate them."""


def ron_words(comments, field, words):
    """The text of a lexicon file: `comments` (lines, each starting with
    "//"), then `words: (FIELD: [...])` with `words` in that order."""
    out = list(comments) + ["(", "    words: (", f"        {field}: ["]
    line = "           "
    for w in words:
        item = f' "{w}",'
        if len(line) + len(item) > 104:
            out.append(line)
            line = "           "
        line += item
    out.append(line)
    out += ["        ],", "    ),", ")"]
    return "\n".join(out)
