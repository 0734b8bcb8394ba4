"""The scheduler: its construction, job functions, reconciliation of jobs with the store, and the leader lock
that keeps exactly one scheduler running among all processes sharing a store."""
