"""Persistence: the one database handle (`db`, SQLite or PostgreSQL from one
URL), the peewee models (`models`, facts only), numbered migrations
(`migrations`) and the hash-chained audit trail (`audit`).

The bottom layer: imports no domain package (calendar, requests, review, …)."""
