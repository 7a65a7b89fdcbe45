"""Links and collections: the envelope shapes a listing comes in, and the :class:`Page` of
items that could be read (a bad item spoils only itself)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

from pydantic import Field, PrivateAttr, ValidationError

from csp_tui.partner_center.models.base import PCModel, lower_keys
from csp_tui.partner_center.models.scalars import LenientInt, Text, whole_number


class LinkHeader(PCModel):
    key: Text = None
    value: Text = None


class Link(PCModel):
    uri: Text = None
    method: Text = None
    headers: list[LinkHeader] = Field(default_factory=list)
    body: Text = None

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (case-insensitive) carried by this link."""
        wanted = name.lower()
        for item in self.headers:
            if item.key and item.key.strip().lower() == wanted:
                return item.value
        return None


class Links(PCModel):
    self: Link | None = None
    next: Link | None = None
    previous: Link | None = None


T = TypeVar("T", bound=PCModel)


class Collection(PCModel, Generic[T]):
    """The ``{"totalCount", "items", "links", "continuationToken"}`` envelope.

    ``total_count`` is whatever the server wrote (often the size of *this* page, sometimes
    neither): never use it as a grand total or a loop bound.
    """

    items: list[T] = Field(default_factory=list)
    total_count: LenientInt = None
    links: Links | None = None
    continuation_token: Text = None
    # Items that could not be read, one line each (see :class:`Page`); private, so no wire
    # key can fill it.
    _skipped: list[str] = PrivateAttr(default_factory=list)

    @property
    def skipped_items(self) -> list[str]:
        return self._skipped


class Page(list[T]):
    """The items of a collection that could be read, and ``skipped``: one line per item that
    could not (``"items[3]: id: Field required"``). A bad item spoils only itself: the page
    keeps the rest and the caller reports the skipped ones."""

    def __init__(self, items: Iterable[T] = (), skipped: Iterable[str] = ()) -> None:
        super().__init__(items)
        self.skipped: list[str] = list(skipped)


def _item_id(item: Any) -> str | None:
    if isinstance(item, Mapping):
        value = lower_keys(item).get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)[:80]
    return None


def _read_items(item_model: type[T], items: Any) -> Page[T]:
    if items is None:
        return Page()
    if not isinstance(items, list | tuple):
        items = [items]
    page: Page[T] = Page()
    for index, item in enumerate(items):
        if not item_model._accepts(item):
            page.skipped.append(f"items[{index}]: {type(item).__name__}")
            continue
        try:
            page.append(item_model.model_validate(item))
        except (ValidationError, ValueError, TypeError, RecursionError) as exc:
            name = _item_id(item)
            where = f"items[{index}]" + (f" (id {name})" if name else "")
            page.skipped.append(f"{where}: {_first_problem(exc)}")
    return page


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first.get("loc", ()))
        return f"{field}: {first.get('msg', '')}"[:200]
    return f"{type(exc).__name__}: {exc}"[:200]


# Keys that make a mapping a collection envelope (lower case): Partner Center's ``items`` /
# ``totalCount``, the ``transition`` list of get-transitions, OData's ``value``.
_ENVELOPE_KEYS = frozenset({"items", "totalcount", "transition", "value"})


def _says_collection(data: Mapping[str, Any]) -> bool:
    """``attributes.objectType == "Collection"``: an envelope, even one without items."""
    attributes = lower_keys(data).get("attributes")
    if not isinstance(attributes, Mapping):
        return False
    kind = lower_keys(attributes).get("objecttype")
    return isinstance(kind, str) and kind.strip().lower() == "collection"


def _item_key_hits(item_model: type[PCModel], data: Mapping[str, Any]) -> int:
    """How many of ``data``'s keys are fields of ``item_model``."""
    plan = item_model._plan()
    return sum(1 for key in data if str(key).lower() in plan.keys)


def _envelope_items(item_model: type[PCModel], data: Mapping[str, Any]) -> tuple[dict[str, Any],
                                                                                 Any]:
    """(the envelope without its items, the items) of a mapping answer.

    A mapping with ``items`` / ``totalCount`` (or ``transition`` / ``value``, or
    ``attributes.objectType == "Collection"``) is the envelope. A mapping without them that
    reads as one item (some of its keys are the item's fields, and it validates) is that one
    item: a qualification answered as ``{"qualification": ...}`` is one qualification, never
    "no qualifications". Anything else raises ``TypeError``.
    """
    lowered = lower_keys(data)
    if set(lowered) & _ENVELOPE_KEYS or _says_collection(data):
        envelope = {k: v for k, v in data.items()
                    if str(k).lower() not in ("items", "transition", "value")}
        for key in ("items", "transition", "value"):
            if key in lowered:
                items = lowered[key]
                return envelope, items if isinstance(items, list) or items is None else [items]
        # totalCount without items: only an honest "nothing here" if it says 0.
        total = whole_number(lowered.get("totalcount"))
        if total not in (0, None):
            raise TypeError(f"a collection of {total} without its items")
        return envelope, []
    if _item_key_hits(item_model, data):
        item_model.model_validate(data)  # an object that is not a valid item is refused
        return {}, [data]
    raise TypeError("expected a collection, got an object that is neither a collection nor "
                    f"a {item_model.__name__}")


def parse_collection(item_model: type[T], data: Any) -> Collection[T]:
    """A collection from an envelope, a bare JSON array (qualifications), a bare string
    (the old qualification API), one item on its own, or ``null``.

    An answer that cannot be read as any of those raises ``TypeError`` - refused loudly,
    never taken for an empty list. Items are read one by one: an item that cannot be read
    (``null``, a customer without an id, a number out of range) is left out and named in
    ``skipped_items``; the others are kept.
    """
    model = Collection[item_model]  # type: ignore[valid-type]
    if data is None:
        return model()
    if isinstance(data, str) and item_model._scalar_field is not None:
        data = [data]
    if isinstance(data, list | tuple):
        envelope: dict[str, Any] = {}
        items: Any = list(data)
    elif isinstance(data, Mapping):
        envelope, items = _envelope_items(item_model, data)
    else:
        raise TypeError(f"expected a collection, got {type(data).__name__}")
    collection = model.model_validate(envelope)
    page = _read_items(item_model, items)
    collection.items = list(page)
    collection._skipped = page.skipped
    return collection
