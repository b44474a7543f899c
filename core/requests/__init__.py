"""依申请公开 requests, from intake to reply.

Rules (plain values, no database): `applicants` (types, channels, ID checks),
`outcomes` (the national classification of results and of 复议/诉讼 results),
`fees` (信息处理费), `lifecycle` (the state machine: snapshot + action →
change), `deadline` (the reply deadline from clock events, regime and calendar).

Services (one transaction per change, over core.store): `intake` (what an
officer types, checked field by field), `service` (logging, actions, reading
back with the deadline, lists), `cases` (行政复议/诉讼), `letters` (告知书 and
答复书 from `catalogs/letters`), `ledger` (the 台账: import and export),
`dashboard` (the counts on the 工作台).

May import core.calendar, core.organisation, core.review.rules,
core.publish.authenticity (text hashes) and core.store."""
