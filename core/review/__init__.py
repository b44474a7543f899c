"""保密审查 — the confidentiality review before anything is released or
published (seed 004, 保密审查制度).

- `rules`: the chain as pure functions — three signatures in order by three
  different people, return, escalation to the secrecy bureau, voiding on a
  change of text, judging the record an item carries.
- `store`: reviews and their steps in the database, each step one transaction
  and one audit event, and the human-readable record written into the item's
  file.
- `forms`: the 《机关单位信息发布保密审查表》 and the 送审函, as text and Word.

`rules` imports only core.organisation.roles and core.errors."""
