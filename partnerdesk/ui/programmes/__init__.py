"""The Programmes area: mentoring and buddying programmes, their applications, pairs, time and impact polls."""
