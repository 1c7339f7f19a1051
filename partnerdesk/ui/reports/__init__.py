"""The Reports area: the commissioners' monitoring return."""
