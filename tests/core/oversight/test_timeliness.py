"""主动公开 windows on the working-day calendar, the dates an entry carries, their stamping at
publication, `catalog list --overdue` and the annual report's sentence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from core.oversight import timeliness
from core.publish import catalogue
from core.report import states as reports
from tests.reviewing import sign_all

D = dt.date


def entry(catalogs: Path, agency: str, serial: int, **dates) -> Path:
    """A 主动公开 entry file with the given 形成/发布/变更/更新日期 (Chinese field names)."""
    folder = catalogs / "catalogue" / agency
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{agency}-2025-{serial:05d}.md"
    head = "".join(f"{field}: {value}\n" for field, value in dates.items())
    path.write_text(f"---\n索引号: {agency}/2025-{serial:05d}\n信息名称: 第{serial}号通知\n发布机构: {agency}\n"
                    f"主题分类: 其他\n{head}---\n\n正文{serial}\n", encoding="utf-8")
    return path


# (agency, 形成日期, 发布日期, 变更日期, 更新日期, today) → (kind, due, status, working days late) per obligation.
# YXFGW is a city department (yuxi: 15 to publish, 3 to update); YXHTQ a county government (条例第二十六条: 20).
WINDOWS = [
    # 国庆中秋 2025: 10月1日至8日放假, 9月28日(日)、10月11日(六)调休上班. From Fri 26 Sep the 15th working
    # day is 23 Oct: 28, 29, 30 Sep, 9, 10, 11, 13 … 23 Oct.
    ("YXFGW", "2025-09-26", "2025-10-23", None, None, D(2025, 12, 1), [("发布", D(2025, 10, 23), "按时", 0)]),
    ("YXFGW", "2025-09-26", "2025-10-24", None, None, D(2025, 12, 1), [("发布", D(2025, 10, 23), "逾期完成", 1)]),
    # Three working days from Tue 30 Sep end on the make-up Saturday, 11 October.
    ("YXFGW", "2025-09-01", "2025-09-05", "2025-09-30", "2025-10-13", D(2025, 12, 1),
     [("发布", D(2025, 9, 22), "按时", 0), ("更新", D(2025, 10, 11), "逾期完成", 1)]),
    ("YXFGW", "2025-09-01", "2025-09-05", "2025-09-30", None, D(2025, 10, 15),
     [("发布", D(2025, 9, 22), "按时", 0), ("更新", D(2025, 10, 11), "逾期未完成", 3)]),
    # The county's 20 working days from the same Friday: 30 October.
    ("YXHTQ", "2025-09-26", None, None, None, D(2025, 10, 30), [("发布", D(2025, 10, 30), "未到期", 0)]),
    ("YXHTQ", "2025-09-26", None, None, None, D(2025, 10, 31), [("发布", D(2025, 10, 30), "逾期未完成", 1)]),
    # 春节 2026: 2月15日至23日放假, 2月14日(六)、28日(六)调休上班. From Fri 13 Feb: 14, 24 … 28 Feb,
    # 2 … 6, 9 … 12 Mar; and 3 working days from the same day end on 25 Feb.
    ("YXFGW", "2026-02-13", None, None, None, D(2026, 2, 24), [("发布", D(2026, 3, 12), "未到期", 0)]),
    ("YXFGW", "2025-12-01", "2025-12-02", "2026-02-13", "2026-02-25", D(2026, 3, 1),
     [("发布", D(2025, 12, 22), "按时", 0), ("更新", D(2026, 2, 25), "按时", 0)]),
]


@pytest.mark.parametrize("agency, formed, published, changed, updated, today, expected", WINDOWS)
def test_windows_on_the_working_day_calendar(db, env, agency, formed, published, changed, updated, today, expected):
    given = {"形成日期": formed, "发布日期": published, "变更日期": changed, "更新日期": updated}
    entry(env["catalogs"], agency, 1, **{k: v for k, v in given.items() if v})
    owed = timeliness.obligations(catalogue.load_all(), today)
    assert [(o.kind, o.due, o.status, o.late_days) for o in owed] == expected


def test_an_entry_without_its_own_formed_date_is_formed_when_written(db, env):
    entry(env["catalogs"], "YXFGW", 1, 成文日期="2025-09-26")
    [owed] = timeliness.obligations(catalogue.load_all(), D(2025, 12, 1))
    assert (owed.start, owed.due, owed.status) == (D(2025, 9, 26), D(2025, 10, 23), "逾期未完成")


def test_dates_out_of_order_are_refused_with_the_field_named(db, env, cli):
    path = entry(env["catalogs"], "YXFGW", 1, 形成日期="2025-09-26")
    before = path.read_bytes()
    code, _, err = cli("catalog", "dates", "YXFGW/2025-00001", "--published", "2025-09-20")
    assert (code, err) == (1, "错误：发布日期：发布日期 2025-09-20 早于形成日期 2025-09-26\n")
    code, _, err = cli("catalog", "dates", "YXFGW/2025-00001", "--updated", "2025-10-01")
    assert (code, err) == (1, "错误：更新日期：有更新日期的条目须注明变更日期\n")
    assert path.read_bytes() == before  # nothing half-written
    code, out, err = cli("catalog", "dates", "YXFGW/2025-00001", "--published", "2025年10月24日", "--json")
    assert (code, err, json.loads(out)["published"]) == (0, "", "2025-10-24")


def test_list_overdue_names_late_and_unpublished_items(db, env, cli, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-01")
    entry(env["catalogs"], "YXFGW", 1, 形成日期="2025-09-26", 发布日期="2025-10-23")  # on time
    entry(env["catalogs"], "YXFGW", 2, 形成日期="2025-09-26", 发布日期="2025-10-24")  # a day late
    entry(env["catalogs"], "YXFGW", 3, 形成日期="2025-11-20")  # due 11 Dec: not yet
    entry(env["catalogs"], "YXHTQ", 4, 形成日期="2025-09-26")  # due 30 Oct, never published
    code, out, err = cli("catalog", "list", "--overdue", "--json")
    assert (code, err) == (0, "")
    assert [(o["index_no"], o["status"], o["due"], o["late_days"]) for o in json.loads(out)] == [
        ("YXFGW/2025-00002", "逾期完成", "2025-10-23", 1),
        ("YXHTQ/2025-00004", "逾期未完成", "2025-10-30", 22)]
    code, out, _ = cli("catalog", "list", "--overdue", "--agency", "YXFGW")
    assert out.splitlines()[-1] == "共 1 项逾期"


def test_publication_stamps_the_date_and_an_update_after_a_new_review(db, env, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-01")
    body = tmp_path / "body.txt"
    body.write_text("春节期间政务服务大厅暂停现场服务。\n", encoding="utf-8")
    code, out, err = cli("catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXFGW",
                         "--body", str(body), "--json")
    added = json.loads(out)
    code, out, _ = cli("site", "generate", "--json")  # not yet reviewed: not published, no date
    assert catalogue.find(added["index_no"]).published is None
    sign_all(added["review_id"], D(2025, 12, 1))
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-03")
    cli("site", "generate")
    stamped = catalogue.find(added["index_no"])
    assert (stamped.formed, stamped.published, stamped.updated) == (D(2025, 12, 1), D(2025, 12, 3), None)
    page = (env["home"] / "site_src" / "catalogue" / "YXFGW-2025-00001.md").read_text(encoding="utf-8")
    assert "<tr><td>发布日期</td><td>2025-12-03</td></tr>" in page
    # The information changes; the change is recorded, the text is edited and reviewed again.
    cli("catalog", "dates", added["index_no"], "--changed", "2025-12-08")
    path = stamped.path
    path.write_text(path.read_text(encoding="utf-8").replace("暂停现场服务", "暂停现场服务，网上办理不停"), encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-09")
    cli("site", "generate")  # the edited text is not reviewed: held back, no update recorded
    assert catalogue.find(added["index_no"]).updated is None
    from core.review import store as reviews

    review = reviews.for_subject("catalogue", added["index_no"])
    sign_all(review.id, D(2025, 12, 9))
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-10")
    cli("site", "generate")
    assert catalogue.find(added["index_no"]).updated == D(2025, 12, 10)
    [publish, update] = timeliness.obligations([catalogue.find(added["index_no"])], D(2025, 12, 31))
    assert (publish.status, update.due, update.status) == ("按时", D(2025, 12, 11), "按时")


def test_the_annual_report_cites_the_counts(db, env):
    entry(env["catalogs"], "YXFGW", 1, 形成日期="2025-09-26", 发布日期="2025-10-23")
    entry(env["catalogs"], "YXFGW", 2, 形成日期="2025-09-26", 发布日期="2025-10-24")
    entry(env["catalogs"], "YXFGW", 3, 形成日期="2025-11-03")  # due 24 Nov, unpublished at year end
    entry(env["catalogs"], "YXFGW", 4, 形成日期="2025-12-29")  # due in January: not yet counted
    entry(env["catalogs"], "YXFGW", 5, 形成日期="2024-12-02", 发布日期="2025-01-20")  # 2024's obligation
    report = reports.build("YXFGW", 2025, D(2026, 2, 10))
    assert report.proactive.sentence(2025) == (
        "本年度形成或变更、已到发布或更新期限的主动公开信息3项，在规定期限内发布或更新1项，逾期发布或更新1项；"
        "截至2025年12月31日，有1项已超过期限尚未发布或更新。")
    assert report.as_json()["proactive_timeliness"] == {"on_time": 1, "late": 1, "overdue": 1,
                                                        "statement": report.proactive.sentence(2025)}
