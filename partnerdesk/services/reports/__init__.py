"""Reports that gather every area's figures: the commissioners' monitoring return.

The return computes nothing a second way: each area's section (sections.py) asks that area's own services for the
figures its exports already use, and applies the organisation's disclosure rule (rules.disclosure) to the ones
about people. Adding an area's figures is one function in sections.py and one entry in its SECTIONS list.
"""
