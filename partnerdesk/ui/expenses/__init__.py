"""The Expenses area: claims, their lines and receipts, approval and payment, budgets and expenses settings."""
