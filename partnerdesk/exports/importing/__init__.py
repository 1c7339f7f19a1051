"""Reading spreadsheets people already keep, for importing into PartnerDesk."""
