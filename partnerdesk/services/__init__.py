"""Use cases shared by the GUI and the command line. Each function takes a SQLAlchemy Session."""
