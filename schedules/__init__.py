"""The scheduler: its construction, job functions, reconciliation and the leader lock.

Nothing is scheduled yet; the scheduler arrives with recurring syncs. `/healthz` reports it as off.
"""
