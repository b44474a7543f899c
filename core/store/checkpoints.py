"""Signed audit checkpoints. A checkpoint records the head of every chain (each
request's and the system chain) and signs their digest with the office's Ed25519
key. `site build` publishes the latest one (hashes only); anyone holding that
page can later ask `audit verify --against` whether history before it was
rewritten — even by someone who could recompute every hash in the database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import peewee as pw
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.errors import IllegalTransition, InvalidInput
from core.store import audit
from core.store.db import write_transaction
from core.store.models import ChainHead, Checkpoint, CheckpointHead, Event, Request, SystemEvent

FORMAT = "gongkai-audit-checkpoint/1"
PUBLIC_KEY = "audit/public-key.pem"  # under the content tree's catalogs/: published with the site


def new_key() -> tuple[bytes, bytes]:
    """(private key PEM, public key PEM)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def _root(heads: list[tuple[str, int, str]], system_seq: int, system_hash: str) -> str:
    digest = hashlib.sha256(f"{audit.SYSTEM_CHAIN}\x1f{system_seq}\x1f{system_hash}\n".encode())
    for number, seq, head in sorted(heads):
        digest.update(f"{number}\x1f{seq}\x1f{head}\n".encode())
    return digest.hexdigest()


def _payload(c: Checkpoint) -> bytes:
    return audit.canonical({"format": FORMAT, "checkpoint": c.seq, "at": c.at.isoformat(),
                            "system": {"seq": c.system_seq, "hash": c.system_hash},
                            "requests": c.requests, "root": c.root}).encode("utf-8")


@dataclass(frozen=True)
class Published:
    """What the site shows of a checkpoint: hashes and the signature, nothing else."""

    data: dict

    @classmethod
    def of(cls, c: Checkpoint) -> Published:
        return cls({**json.loads(_payload(c)), "signature": c.signature})


def create(private_pem: bytes, actor_login: str) -> Published:
    """Sign the heads of all chains as they stand (refused while `audit verify` finds a break:
    a checkpoint must never bless a rewritten history)."""
    try:
        key = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError):
        raise InvalidInput("key", "签名私钥文件无法读取（应为 gongkai audit keygen 生成的 PEM 文件）") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput("key", "签名私钥应为 Ed25519 密钥")
    check = audit.verify()
    if not check.ok:
        raise IllegalTransition(f"审计链不完整，不能建立检查点：{check.problem}")
    with write_transaction():
        seqs = dict(Event.select(Event.request, pw.fn.MAX(Event.seq)).group_by(Event.request).tuples())
        heads = [(number, seqs.get(rid, 0), head)
                 for rid, number, head in Request.select(Request.id, Request.number, Request.head_hash).tuples()]
        system = ChainHead.get_or_none(ChainHead.chain == audit.SYSTEM_CHAIN)
        system_seq, system_hash = (system.seq, system.hash) if system else (0, audit.GENESIS)
        last = Checkpoint.select(pw.fn.MAX(Checkpoint.seq)).scalar() or 0
        c = Checkpoint(seq=last + 1, at=dt.datetime.now().replace(microsecond=0), actor=actor_login,
                       system_seq=system_seq, system_hash=system_hash, requests=len(heads),
                       root=_root(heads, system_seq, system_hash), signature="")
        c.signature = key.sign(_payload(c)).hex()
        c.save(force_insert=True)
        CheckpointHead.insert_many([{"checkpoint": c.seq, "number": n, "seq": s, "hash": h} for n, s, h in heads]
                                   ).execute()
        audit.system_event(actor_login, "audit_checkpoint", {"checkpoint": c.seq, "root": c.root})
    return Published.of(c)


def latest() -> Published | None:
    c = Checkpoint.select().order_by(Checkpoint.seq.desc()).first()
    return Published.of(c) if c else None


def still_standing(seq: int) -> str | None:
    """Whether the chains still pass through the heads recorded at checkpoint `seq`: None, or what broke."""
    c = Checkpoint.get_or_none(Checkpoint.seq == seq)
    if c is None:
        return f"本库没有第{seq}号检查点（检查点记录被删除）"
    heads = list(CheckpointHead.select(CheckpointHead.number, CheckpointHead.seq, CheckpointHead.hash)
                 .where(CheckpointHead.checkpoint == seq).tuples())
    if len(heads) != c.requests or _root(heads, c.system_seq, c.system_hash) != c.root:
        return f"第{seq}号检查点的记录与其签名的摘要不符，检查点记录被改动"
    ids = dict(Request.select(Request.number, Request.id).tuples())
    hashes = {(r, s): h for r, s, h in Event.select(Event.request, Event.seq, Event.hash).tuples()}
    for number, head_seq, head in heads:
        if head_seq and hashes.get((ids.get(number), head_seq)) != head:
            return f"申请 {number}：第{head_seq}条事件与第{seq}号检查点（{c.at:%Y-%m-%d %H:%M}）不符，检查点之前的记录被改写"
    if c.system_seq:
        event = SystemEvent.get_or_none(SystemEvent.seq == c.system_seq)
        if event is None or event.hash != c.system_hash:
            return f"系统事件第{c.system_seq}条与第{seq}号检查点不符，检查点之前的记录被改写"
    return None


def check_published(published: dict, public_pem: bytes) -> str | None:
    """A checkpoint as published (a file or a page's JSON): its signature under the office's
    public key, then whether this database still agrees with it."""
    try:
        key = serialization.load_pem_public_key(public_pem)
        signature = bytes.fromhex(str(published["signature"]))
        fields = {k: published[k] for k in ("format", "checkpoint", "at", "system", "requests", "root")}
    except (KeyError, ValueError, TypeError):
        raise InvalidInput("against", "不是 gongkai 发布的审计检查点") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput("key", "公钥应为 Ed25519 公钥")
    try:
        key.verify(signature, audit.canonical(fields).encode("utf-8"))
    except InvalidSignature:
        return "检查点签名无效：不是本机关签发的检查点，或其内容被改动"
    local = Checkpoint.get_or_none(Checkpoint.seq == fields["checkpoint"])
    if local is None or local.root != fields["root"]:
        return f"本库第{fields['checkpoint']}号检查点与公布的不符，检查点记录被改写"
    return still_standing(local.seq)
