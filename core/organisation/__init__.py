"""Who acts: the agencies (机关) and the officers with their roles (岗位).

- `roles`: the roles (承办人, 办公室主任, 分管领导, 管理员) and `UserInfo`, the
  acting officer as a plain value that rules check. Imports no model.
- `agencies`: `catalogs/agencies.yaml`, checked and mirrored into the database.
- `users`: officers stored with their roles; who the acting officer is.

`roles` is a rules module; `agencies` and `users` use core.store."""
