"""The working-day calendar and what differs between jurisdictions.

- `holidays`: the State Council's holiday years (chinesecalendar's tables, or a
  `catalogs/holidays/YYYY.yaml` that wins for its year).
- `workdays`: the working-day table — the Nth working day after a date, the
  working days between two dates, and why a date moved.
- `regimes`: `catalogs/regimes.yaml` as value objects — reply windows, when the
  clock starts, what stops it, extensions, report timetables, 保密审查 routing.

Rules only: reads catalog files, never the database. May import core.errors,
core.config, core.home, core.yamlfile and core.organisation.roles."""
