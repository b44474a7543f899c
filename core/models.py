"""peewee models: the stored facts. Rules live in plain functions elsewhere;
these classes only say what is kept and how it is keyed."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from .db import database


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = pw.IntegerField(primary_key=True)
    name = pw.CharField()
    applied_at = pw.DateTimeField(default=dt.datetime.now)


class Agency(BaseModel):
    code = pw.CharField(primary_key=True, max_length=32)
    name = pw.CharField()
    short_name = pw.CharField()
    level = pw.CharField(max_length=16)  # city / department / county
    category = pw.CharField(null=True)  # the list's grouping, e.g. 市人民政府工作部门
    list_no = pw.IntegerField(null=True)  # 序号 in 市级行政规范性文件制定主体清单
    parent = pw.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    sort_order = pw.IntegerField(default=0)


class User(BaseModel):
    login = pw.CharField(unique=True, max_length=64)
    name = pw.CharField()
    agency = pw.ForeignKeyField(Agency, backref="users", on_delete="RESTRICT")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=dt.datetime.now)


class UserRole(BaseModel):
    user = pw.ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    role = pw.CharField(max_length=16)

    class Meta:
        indexes = ((("user", "role"), True),)
