"""The audit log viewer (services.common.audit): who did what, when, for a coordinator."""
