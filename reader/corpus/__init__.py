"""Text → documents: encoding, cleaning, splitting, metadata, clause structure. No Qt here."""

from reader.corpus.split import split_file, split_text

__all__ = ["split_file", "split_text"]
