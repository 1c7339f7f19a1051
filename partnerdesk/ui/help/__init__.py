"""Built-in help: a short page for each area of PartnerDesk, shipped in resources/help/ and read without internet."""
