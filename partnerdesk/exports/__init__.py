"""Spreadsheets for commissioners and funders: the people export now, meetings and expenses later.

Every export writes through partnerdesk.exports.xlsx, so every text cell passes the formula-injection guard in
partnerdesk.exports.guard and every file appears under its final name only once it is complete.
"""
