"""The database the conformance tables run on."""

from __future__ import annotations

import os

import pytest

from core import demo
from core.session import open_ready
from core.store import db as core_db
from tests import REPO
from tests.conftest import PG_ENV, _reset_postgres


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def conformance_db(request, tmp_path_factory):
    """One database per regime file and backend; each scenario is its own request."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('conformance') / 'rules.db'}"
    else:
        url = os.environ.get(PG_ENV)
        if not url:
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI=true but {PG_ENV} is not set: .ci/run must start PostgreSQL")
            pytest.skip(f"PostgreSQL run skipped: {PG_ENV} is not set (bash .ci/run starts a throwaway cluster)")
        core_db.close_database()
        _reset_postgres(url)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGKAI_HOME", str(REPO))
        mp.setenv("GONGKAI_DB", url)
        open_ready(url)
        demo.fill()  # the demo officers: 赵敏 承办人, 钱立 办公室主任, 孙宏 分管领导
        yield
        core_db.close_database()
