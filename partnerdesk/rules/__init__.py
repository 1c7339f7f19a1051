"""Pure domain rules: no database, no Qt. Easy to test exhaustively."""
