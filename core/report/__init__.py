"""政府信息公开工作年度报告 (国办公开办函〔2021〕30号).

- `national_format`: the sections, tables 二/三/四 with the format's labels,
  the roll-up and the identities — plain values.
- `counting`: the tables counted from the request log and catalogue (SQL).
- `states`: a report's states (编写中 → 已报送 → 已审核 → 已公布) and the
  regime's schedule with each agency's lateness.
- `files`: JSON, Markdown and Word output, the chart, the published copy.

`national_format` is a rules module; the others use core.store."""
