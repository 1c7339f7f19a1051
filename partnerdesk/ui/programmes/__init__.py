"""The Programmes area: mentoring and buddying programmes, their applications, matching, pairs, time and polls."""
