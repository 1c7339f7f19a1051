"""Small widgets shared by every area's forms."""
