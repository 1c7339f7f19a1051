"""PartnerDesk: records and returns for engagement workers in small VCS organisations."""

__version__ = "0.1.0"
