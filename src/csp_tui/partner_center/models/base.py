"""The tolerant base model: keys matched case-insensitively, ``""`` and ``null`` counted as
absent, the dict it was read from kept in ``raw``."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator


def _strip_optional(annotation: Any) -> Any:
    """``X | None`` -> ``X`` (Annotated metadata removed)."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, PCModel)


class _FieldPlan:
    """How the base validator treats one class's incoming keys (computed once per class)."""

    def __init__(self, cls: type[PCModel]) -> None:
        self.keys: dict[str, tuple[str, int]] = {}
        self.models: dict[str, type[PCModel]] = {}
        self.model_lists: dict[str, type[PCModel]] = {}
        self.dicts: set[str] = set()
        for name, info in cls.model_fields.items():
            if name == "raw":
                continue
            for key in {name.lower(), name.replace("_", "").lower(),
                        (info.alias or name).lower()}:
                self.keys[key] = (name, 0)
            target = _strip_optional(info.annotation)
            origin = typing.get_origin(target)
            if _is_model(target):
                self.models[name] = target
            elif origin is list and typing.get_args(target) and _is_model(
                    _strip_optional(typing.get_args(target)[0])):
                self.model_lists[name] = _strip_optional(typing.get_args(target)[0])
            elif target is dict or origin is dict:
                self.dicts.add(name)
        for alternate, name in cls._alternate_keys.items():
            self.keys.setdefault(alternate.lower(), (name, 1))


_PLANS: dict[type, _FieldPlan] = {}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def lower_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).lower(): value for key, value in data.items()}


class PCModel(BaseModel):
    """Base of every wire model: case-insensitive keys, blank == absent, raw dict kept."""

    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        coerce_numbers_to_str=True,
    )

    #: Extra incoming key spellings (lower case) -> field name, e.g. ``{"region": "state"}``.
    #: A field's own name wins over an alternate when both are present.
    _alternate_keys: ClassVar[dict[str, str]] = {}
    #: Lower-case keys never copied into ``raw`` (secrets must not reach the cache).
    _raw_drop: ClassVar[frozenset[str]] = frozenset()
    #: The field a bare string fills (``"education"`` is a Qualification); ``None``: a bare
    #: string is not this model.
    _scalar_field: ClassVar[str | None] = None

    raw: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)

    @classmethod
    def _plan(cls) -> _FieldPlan:
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _FieldPlan(cls)
        return plan

    @classmethod
    def _accepts(cls, value: Any) -> bool:
        return isinstance(value, Mapping) or (
            cls._scalar_field is not None and isinstance(value, str) and bool(value.strip()))

    @model_validator(mode="before")
    @classmethod
    def _normalise_input(cls, data: Any) -> Any:
        if isinstance(data, str) and cls._scalar_field is not None:
            data = {cls._scalar_field: data}
        if not isinstance(data, Mapping):
            return data
        plan = cls._plan()
        chosen: dict[str, tuple[int, Any]] = {}
        for key, value in data.items():
            target = plan.keys.get(str(key).lower())
            if target is None or _blank(value):
                continue
            name, priority = target
            if name in plan.models and not plan.models[name]._accepts(value):
                continue
            if name in plan.model_lists:
                element = plan.model_lists[name]
                items = value if isinstance(value, list | tuple) else [value]
                value = [item for item in items if element._accepts(item)]
            if name in plan.dicts and not isinstance(value, Mapping):
                continue
            if name not in chosen or priority < chosen[name][0]:
                chosen[name] = (priority, value)
        result = {name: value for name, (_, value) in chosen.items()}
        if "etag" in cls.model_fields and "etag" not in result:
            attributes = lower_keys(data).get("attributes")
            if isinstance(attributes, Mapping):
                etag = lower_keys(attributes).get("etag")
                if not _blank(etag):
                    result["etag"] = etag
        result["raw"] = {k: v for k, v in data.items() if str(k).lower() not in cls._raw_drop}
        return result

    @classmethod
    def parse(cls, data: Any) -> typing.Self:
        """Validate wire data (a dict, or a model's raw JSON text)."""
        if isinstance(data, str | bytes) and cls._scalar_field is None:
            data = json.loads(data)
        return cls.model_validate(data)
