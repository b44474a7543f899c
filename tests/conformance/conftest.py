"""The database the conformance tables run on."""

from __future__ import annotations

import shutil

import pytest

from core import demo
from core.store import db as core_db
from tests import REPO
from tests.conftest import fresh_postgres, open_training


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def conformance_db(request, tmp_path_factory):
    """One database per regime file and backend; each scenario is its own request."""
    url = (f"sqlite:///{tmp_path_factory.mktemp('conformance') / 'rules.db'}" if request.param == "sqlite"
           else fresh_postgres())
    # A copy of the content tree: demo.fill() records its reviews beside the gazette issue.
    tree = tmp_path_factory.mktemp("office")
    shutil.copytree(REPO / "catalogs", tree / "catalogs")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGKAI_HOME", str(tree))
        mp.setenv("GONGKAI_DB", url)
        open_training(url)
        demo.fill()  # the demo officers: 赵敏 承办人, 钱立 办公室主任, 孙宏 分管领导
        yield
        core_db.close_database()
