"""Material's built scripts, adjusted: nothing from the internet, whole words in a query."""

from __future__ import annotations

import pytest

from core.errors import GongkaiError
from core.publish.site import bundle


def test_conditional_loads_from_unpkg_become_an_empty_script(tmp_path):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.1.min.js").write_text(
        'a("https://unpkg.com/resize-observer-polyfill");b(`https://unpkg.com/mermaid@11/dist/mermaid.min.js`)',
        encoding="utf-8")
    assert bundle.cut_internet_loads(tmp_path) == 2
    assert (scripts / "bundle.1.min.js").read_text(encoding="utf-8") == \
        'a("data:text/javascript,");b(`data:text/javascript,`)'


def test_any_other_remote_load_fails_the_build_naming_the_file(tmp_path):
    (tmp_path / "index.html").write_text('<link href="https://fonts.googleapis.com/css?family=Noto">',
                                         encoding="utf-8")
    with pytest.raises(GongkaiError) as raised:
        bundle.cut_internet_loads(tmp_path)
    assert str(raised.value) == "网站仍会从互联网加载资源：index.html：https://fonts.googleapis.com/css?family=Noto"


def test_the_search_worker_tries_a_whole_run_of_characters_as_a_word(tmp_path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.1.min.js").write_text(f"x;{bundle.WORKER_SEGMENTS};y", encoding="utf-8")
    assert bundle.keep_whole_words(tmp_path) == 1
    assert (workers / "search.1.min.js").read_text(encoding="utf-8") == f"x;{bundle.WHOLE_RUNS};y"
