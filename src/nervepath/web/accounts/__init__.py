"""Accounts: roles, clinician invitations, object-level permissions and the audit log."""
