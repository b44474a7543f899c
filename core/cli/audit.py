"""`gongkai audit …`: verify the chains, sign checkpoints, check a published one."""

from __future__ import annotations

import argparse
import json
import os
import urllib.request
from pathlib import Path

import platformdirs

from core import home
from core.cli import output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.organisation import roles
from core.session import start
from core.store import audit, checkpoints


def default_key_path() -> Path:
    return Path(platformdirs.user_config_dir("gongkai", appauthor=False)) / "audit-signing-key.pem"


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("audit", help="审计日志：校验、检查点").add_subparsers(
        dest="action", metavar="操作", parser_class=ArgumentParser)
    p = group.add_parser("verify", help="重新计算事件哈希链并与办理记录、最新检查点核对，报告第一处不符")
    p.add_argument("--against", metavar="文件或网址", help="与公开网站上公布的检查点（checkpoint.json）核对")
    p.add_argument("--processes", type=int, metavar="N",
                   help="同时核对的进程数，默认为本机处理器核数（在共用服务器上可设为 1）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_verify)
    p = group.add_parser("keygen", help="生成本机关的检查点签名密钥（私钥仅存本机，公钥随网站公布）")
    p.add_argument("--out", type=Path, help=f"私钥保存位置，默认 {default_key_path()}")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_keygen)
    p = group.add_parser("checkpoint", help="签署所有审计链的当前链头（需要管理员角色），网站生成时公布")
    p.add_argument("--key", type=Path, help=f"签名私钥，默认 {default_key_path()}")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_checkpoint)


def public_key_path() -> Path:
    return home.catalogs() / checkpoints.PUBLIC_KEY


def cmd_keygen(args) -> int:
    out = (args.out or default_key_path()).expanduser()
    if out.exists():
        raise InvalidInput("out", f"{out} 已存在：不覆盖已有的签名私钥")
    private, public = checkpoints.new_key()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private)
    public_key_path().parent.mkdir(parents=True, exist_ok=True)
    public_key_path().write_bytes(public)
    return output.result(args, {"private_key": str(out), "public_key": str(public_key_path())},
                         f"私钥已保存到 {out}（仅本人可读，请妥善备份）；公钥 {public_key_path()} 将随网站公布")


def cmd_checkpoint(args) -> int:
    actor = start()
    roles.require_role(actor, roles.ADMIN, "建立审计检查点")
    key = (args.key or default_key_path()).expanduser()
    if not key.is_file():
        raise InvalidInput("key", f"找不到签名私钥 {key}（先运行 gongkai audit keygen）")
    published = checkpoints.create(key.read_bytes(), actor.login)
    d = published.data
    return output.result(args, d, f"已建立第{d['checkpoint']}号检查点：{d['requests']} 件申请，摘要 {d['root']}；"
                                  f"下次 gongkai site build 时公布")


def _read_published(source: str) -> dict:
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310 — an https page named by the user
                return json.loads(response.read().decode("utf-8"))
        return json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput("against", f"无法读取公布的检查点 {source}：{exc}") from None


def cmd_verify(args) -> int:
    if args.processes is not None and args.processes < 1:
        raise InvalidInput("processes", "应为不小于 1 的整数")
    start()
    result = audit.verify(args.processes or os.cpu_count() or 1)
    problem = result.problem
    if problem is None and args.against:
        if not public_key_path().is_file():
            raise InvalidInput("against", f"找不到本机关的检查点公钥 {public_key_path()}")
        problem = checkpoints.check_published(_read_published(args.against), public_key_path().read_bytes())
    elif problem is None and (latest := checkpoints.latest()) is not None:
        problem = checkpoints.still_standing(latest.data["checkpoint"])
    if args.json:
        output.emit_json({"ok": problem is None, "events": result.events, "requests": result.requests,
                          "problem": problem})
    elif problem is None:
        output.say(f"审计链完整：{result.requests} 件申请，{result.events} 条事件")
    else:
        output.say(f"审计链不符：{problem}")
    return 0 if problem is None else 1
