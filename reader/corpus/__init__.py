"""Text → documents: encoding, cleaning, splitting, metadata, clause structure. No Qt here."""
