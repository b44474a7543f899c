"""Rules conformance, regime `national-2019` (《中华人民共和国政府信息公开条例》,
国务院令第711号, with 国办函〔2020〕109号 on fees). Every expected value written by
hand from the texts; working days on the State Council's arrangements (国庆 2025:
10-01..10-08 off, 10-11 worked; 清明 2025: 04-04 off; 劳动节 2025: 05-01..05-05 off,
04-27 worked; 春节 2024: 02-10..02-17 off, 02-18 worked; 国庆 2024: 10-01..10-07 off,
09-29 and 10-12 worked; 元旦 2026: 01-01..01-03 off, 01-04 worked)."""

from __future__ import annotations

import pytest

from tests.conformance.scenarios import CARRIED_OUT, D, row, run, step

DIRECTOR = "qianli"  # 办公室主任: the head of the disclosure office approves extensions (第三十三条第二款)

SCENARIOS = [
    # --- 第三十一条: the receipt date follows the channel
    row("网络申请：以双方确认之日为收到日期", None, [], D(2025, 10, 20), D(2025, 11, 4), "待受理", False,
        (2025, CARRIED_OUT), channel="网络", confirmed=D(2025, 9, 30)),
    row("邮寄申请：以签收之日为收到日期，不是寄出之日", None, [], D(2025, 10, 20), D(2025, 11, 3), "待受理", False,
        (2025, CARRIED_OUT), channel="邮寄", submitted=D(2025, 9, 25), confirmed=D(2025, 9, 29)),
    row("当面申请：以提交之日为收到日期", None, [], D(2025, 10, 20), D(2025, 11, 4), "待受理", False,
        (2025, CARRIED_OUT), channel="当面", submitted=D(2025, 9, 30)),
    row("平常信函：以与申请人确认之日为收到日期", None, [], D(2025, 10, 20), D(2025, 11, 5), "待受理", False,
        (2025, CARRIED_OUT), channel="平常信函", submitted=D(2025, 9, 26), confirmed=D(2025, 10, 9)),
    row("网络申请于国庆假期确认：次日起的第一个工作日为第1日", None, [], D(2025, 10, 20), D(2025, 11, 4), "待受理",
        False, (2025, CARRIED_OUT), channel="网络", confirmed=D(2025, 10, 3)),
    row("录入的收到日期与签收日不符且无理由：拒绝", D(2025, 9, 30), [], D(2025, 10, 20), None, "", False, None,
        refused="收到日期：邮寄申请以行政机关签收之日为收到日期，应为 2025-09-29（条例第三十一条）；"
                "如确需记为 2025-09-30，请说明理由", channel="邮寄", confirmed=D(2025, 9, 29)),
    row("录入的收到日期与签收日不符但说明理由：按录入", D(2025, 9, 30), [], D(2025, 10, 20), D(2025, 11, 4), "待受理",
        False, (2025, CARRIED_OUT), channel="邮寄", confirmed=D(2025, 9, 29), received_reason="签收单日期误写，以收文登记为准"),
    row("邮寄申请缺签收日期：拒绝并指明字段", None, [], D(2025, 10, 20), None, "", False, None,
        refused="签收或确认日期：邮寄申请以行政机关签收之日为收到日期（条例第三十一条），请填写该日期",
        channel="邮寄", submitted=D(2025, 9, 25)),
    # --- 第三十三条: 20 working days from receipt, before and after acceptance
    row("未受理：收到后20个工作日届满即逾期", D(2025, 9, 30), [], D(2025, 11, 5), D(2025, 11, 4), "待受理", True,
        (2025, CARRIED_OUT)),
    row("征求第三方意见的时间不计算在内（第三十二条、第三十三条）", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("consult", D(2025, 3, 7), reason="涉及第三方个人隐私"),
         step("consulted", D(2025, 3, 28))], D(2025, 3, 31), D(2025, 4, 22), "办理中", False, (2025, CARRIED_OUT)),
    row("征求意见期间不计时、不逾期", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("consult", D(2025, 3, 7), reason="涉及第三方个人隐私")],
        D(2025, 5, 6), None, "征求意见中", False, (2025, CARRIED_OUT)),
    row("征求意见期间延期20个工作日，跨劳动节调休", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("consult", D(2025, 3, 7), reason="涉及第三方个人隐私"),
         step("extend", D(2025, 3, 10), who=DIRECTOR, reason="第三方尚未答复"), step("consulted", D(2025, 3, 28))],
        D(2025, 4, 1), D(2025, 5, 22), "办理中", False, (2025, CARRIED_OUT)),
    # --- fees (国办函〔2020〕109号): the waiting is not counted; 20 working days to pay
    row("等待缴费的时间不计算在内", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("fee", D(2025, 3, 5), method="按量", pages=250),
         step("paid", D(2025, 3, 20))], D(2025, 3, 21), D(2025, 4, 16), "办理中", False, (2025, CARRIED_OUT)),
    row("减免后恢复计时", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("fee", D(2025, 3, 5), method="按量", pages=250),
         step("waive", D(2025, 3, 20), reason="申请人为低保户")], D(2025, 3, 21), D(2025, 4, 16), "办理中", False,
        (2025, CARRIED_OUT)),
    row("缴费期满未缴：其他处理2", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("fee", D(2025, 3, 5), method="按量", pages=250),
         step("withdraw", D(2025, 4, 3), reason_code=2)], D(2025, 4, 3), None, "已撤回", False,
        (2025, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    row("减免后不能再按另一种方式收费", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("fee", D(2025, 3, 5), method="按量", pages=250),
         step("waive", D(2025, 3, 20), reason="申请人为低保户"), step("fee", D(2025, 3, 21), method="按件")],
        D(2025, 3, 21), D(2025, 4, 16), "办理中", False, (2025, CARRIED_OUT),
        refused="该申请已按量发出过收费通知，同一申请只能收费一次（按件、按量只能选择一种）"),
    # --- 延期 (第三十三条第二款)
    row("延期20个工作日自原期限起算", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)), step("extend", D(2025, 10, 30), who=DIRECTOR, reason="需调取原件")],
        D(2025, 12, 3), D(2025, 12, 2), "办理中", True, (2025, CARRIED_OUT)),
    row("延期须经政府信息公开工作机构负责人同意", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)), step("extend", D(2025, 10, 30), reason="需调取原件")],
        D(2025, 10, 30), D(2025, 11, 4), "办理中", False, (2025, CARRIED_OUT),
        refused="延期须经“办公室主任”批准，当前用户 zhaomin（赵敏）没有该角色"),
    row("延期不得超过20个工作日", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)), step("extend", D(2025, 10, 30), who=DIRECTOR, days=21, reason="需调取原件")],
        D(2025, 10, 30), D(2025, 11, 4), "办理中", False, (2025, CARRIED_OUT),
        refused="工作日数：延期最长不得超过20个工作日"),
    row("条例没有中止期限的规定", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)), step("suspend", D(2025, 10, 14), reason="所需档案因灾无法调取")],
        D(2025, 10, 14), D(2025, 11, 4), "办理中", False, (2025, CARRIED_OUT),
        refused="“中华人民共和国政府信息公开条例（2019）”没有中止期限的规定"),
    # --- 补正 (第三十条)
    row("补正后自收到补正申请之日起重新计算", D(2025, 9, 22),
        [step("correct", D(2025, 9, 24), items=("请写明文件名称",), period_days=10), step("corrected", D(2025, 9, 30))],
        D(2025, 10, 20), D(2025, 11, 4), "待受理", False, (2025, CARRIED_OUT)),
    row("等待补正期间没有答复期限", D(2025, 9, 22),
        [step("correct", D(2025, 9, 24), items=("请写明文件名称",), period_days=10)], D(2025, 10, 20),
        None, "待补正", False, (2025, CARRIED_OUT)),
    row("补正告知超过7个工作日且无理由：拒绝", D(2025, 9, 30),
        [step("correct", D(2025, 10, 17), items=("请写明文件名称",), period_days=10)], D(2025, 10, 17),
        D(2025, 11, 4), "待受理", False, (2025, CARRIED_OUT),
        refused="理由：补正告知期限 2025-10-16 已过（收到申请之日起7个工作日，条例第三十条），须说明逾期告知的原因"),
    row("补正期限届满当日不能视为放弃", D(2025, 9, 22),
        [step("correct", D(2025, 9, 24), items=("请写明文件名称",), period_days=5),
         step("withdraw", D(2025, 9, 30), reason_code=1)], D(2025, 9, 30), None, "待补正", False, (2025, CARRIED_OUT),
        refused="补正期限至 2025-09-30 止，期满后才能以“逾期不补正”视为撤回"),
    row("逾期不补正视为放弃：其他处理1", D(2025, 9, 22),
        [step("correct", D(2025, 9, 24), items=("请写明文件名称",), period_days=5),
         step("withdraw", D(2025, 10, 9), reason_code=1)], D(2025, 10, 9), None, "已撤回", False,
        (2025, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    row("征求意见中申请人撤回：其他处理3", D(2025, 3, 3),
        [step("accept", D(2025, 3, 4)), step("consult", D(2025, 3, 7), reason="涉及第三方个人隐私"),
         step("withdraw", D(2025, 3, 12), reason="申请人书面撤回申请")], D(2025, 3, 12), None, "已撤回", False,
        (2025, "3.其他")),
    # --- holidays and year ends
    row("春节2024：2月18日调休上班", D(2024, 2, 5), [step("accept", D(2024, 2, 5))], D(2024, 3, 8),
        D(2024, 3, 8), "办理中", False, (2024, CARRIED_OUT)),
    row("国庆2024：9月29日、10月12日调休上班", D(2024, 9, 27), [step("accept", D(2024, 9, 27))], D(2024, 10, 31),
        D(2024, 10, 30), "办理中", True, (2024, CARRIED_OUT)),
    row("跨年：结转下年度", D(2025, 12, 30), [step("accept", D(2025, 12, 31))], D(2026, 1, 5),
        D(2026, 1, 28), "办理中", False, (2025, CARRIED_OUT)),
    row("上年收到、本年决定：计入本年度", D(2025, 12, 30),
        [step("accept", D(2025, 12, 31)),
         step("decide", D(2026, 1, 20), outcome="无法提供", reason_code=2, reason="需汇总加工多年数据")],
        D(2026, 1, 20), D(2026, 1, 28), "已决定待答复", False, (2026, "2.没有现成信息需要另行制作")),
    # --- decisions and replies (第三十六条)
    row("逾期答复：已答复仍记逾期", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)),
         step("decide", D(2025, 11, 5), outcome="不予公开", reason_code=6, reason="属于讨论记录"),
         step("reply", D(2025, 11, 5))], D(2025, 11, 6), D(2025, 11, 4), "已答复", True,
        (2025, "6.属于四类过程性信息")),
    row("信访举报类申请：不予处理1", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)),
         step("decide", D(2025, 10, 9), outcome="不予处理", reason_code=1, reason="系对执法行为的投诉")],
        D(2025, 10, 9), D(2025, 11, 4), "已决定待答复", False, (2025, "1.信访举报投诉类申请")),
    row("已主动公开：予以公开", D(2025, 9, 30),
        [step("accept", D(2025, 9, 30)),
         step("decide", D(2025, 10, 9), outcome="予以公开", published="玉溪市人民政府网“政府信息公开”栏目")],
        D(2025, 10, 9), D(2025, 11, 4), "已决定待答复", False, (2025, "（一）予以公开")),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_national_2019(conformance_db, scenario):
    run(scenario, "national-2019")
