"""``csp_tui.cache.views`` names its modules' records and queries, importing each module when
one of its names is first used."""

from __future__ import annotations

import subprocess
import sys

from csp_tui.cache import views


def test_every_name_of_the_package_resolves_to_its_module() -> None:
    assert sorted(views.__all__) == sorted(views._MODULE_OF)
    for name in views.__all__:
        value = getattr(views, name)
        module = views._MODULE_OF[name]
        assert value is getattr(sys.modules[module], name), name
    assert set(views.__all__) <= set(dir(views))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        views.no_such_query  # noqa: B018 - the lookup is the test
    except AttributeError as error:
        assert "no_such_query" in str(error)
    else:
        raise AssertionError("an unknown name resolved")


def test_reading_the_customers_list_leaves_the_other_views_unloaded() -> None:
    code = (
        "import sys\n"
        "from csp_tui.cache import views\n"
        "views.customer_rows, views.count_customers, views.CustomerListRow\n"
        "print(sorted(m for m in sys.modules if m.startswith('csp_tui.cache.views.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "['csp_tui.cache.views.customers']"
