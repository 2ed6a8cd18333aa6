"""The typed worksheet model: what a worksheet YAML file may say, and nothing more.

Every output (web page, PDF, JSON Schema) is rendered from these classes, so the
rules an author must follow live here once. Each field kind is one class; the
registry ``FIELD_KINDS`` is derived from the discriminated union below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator

from .contract import ID_PATTERN

# A stable key an answer is stored under: lower-case, starts with a letter.
Identifier = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Stable key (lower-case letters, digits, '-' or '_'); answers are stored under it, so never rename it lightly.",
    ),
]
NonEmpty = Annotated[str, Field(min_length=1)]
# An example answer, in the shape the browser saves (see README, "Your data");
# the loader checks it against the field's kind, options and range.
Example = Union[int, str, list[str], list[dict[str, Union[int, str, list[str]]]]]
# The option value and field-id suffix an "Other: ___" box is saved under.
OTHER = "other"
# PDF names (pdf/<id>.pdf beside these): the whole workbook's, and the end of each example PDF's.
# The loader reserves them as worksheet ids, so one worksheet's PDF never overwrites another.
WORKBOOK_ID = "workbook"
EXAMPLE_SUFFIX = "-example"


class Strict(BaseModel):
    """Base for every model: unknown keys are an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(Strict):
    """One choice of a ``choice`` or ``checklist`` field."""

    value: Identifier
    label: NonEmpty


def _options_from_strings(value: object) -> object:
    """Let authors write options as plain strings; the value is derived from the label."""
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        if isinstance(item, str):
            slug = "".join(c if c.isalnum() else "-" for c in item.lower()).strip("-")
            while "--" in slug:
                slug = slug.replace("--", "-")
            out.append({"value": slug[:64] or "option", "label": item})
        else:
            out.append(item)
    return out


class FieldBase(Strict):
    """What every field has: a stable id, a visible label, and paper space."""

    id: Identifier
    label: NonEmpty
    help: str | None = Field(default=None, description="A short hint shown under the label.")
    required: bool = False
    placeholder: str | None = None
    print_lines: int = Field(default=2, ge=0, le=40, description="Writing lines on the printed sheet.")
    example: Example | None = Field(
        default=None,
        description=(
            "The worked case's answer, shown under 'See an example' and in the example PDF. "
            "Same shape as a saved answer: text (dates as 'YYYY-MM-DD', in quotes), a number for a scale, "
            "option values for choices and checklists, a list of rows for a repeat group, "
            "a list of {date, rating, note} for a tracker."
        ),
    )


class TextField(FieldBase):
    """A one-line answer."""

    kind: Literal["text"]
    print_lines: int = Field(default=1, ge=0, le=40)


class TextareaField(FieldBase):
    """A free-text answer of a few lines."""

    kind: Literal["textarea"]
    rows: int = Field(default=4, ge=1, le=30)
    print_lines: int = Field(default=4, ge=0, le=40)


class GoalField(FieldBase):
    """A goal statement the SMART checker reads; may name its companion fields."""

    kind: Literal["goal"]
    rows: int = Field(default=3, ge=1, le=30)
    print_lines: int = Field(default=3, ge=0, le=40)
    why: Identifier | None = Field(default=None, description="Id of the field that says why this goal matters.")
    confidence: Identifier | None = Field(default=None, description="Id of a 0-10 scale field: how sure you are you can do it.")


class ScaleField(FieldBase):
    """A rating on a numbered scale, drawn as boxes on paper."""

    kind: Literal["scale"]
    min: int = 0
    max: int = 10
    step: int = Field(default=1, ge=1)
    min_label: str | None = None
    max_label: str | None = None

    @field_validator("max")
    @classmethod
    def _range(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value <= low:
            raise ValueError(f"max ({value}) must be greater than min ({low})")
        return value

    @field_validator("step")
    @classmethod
    def _fits(cls, value: int, info: ValidationInfo) -> int:
        low, high = info.data.get("min"), info.data.get("max")
        if low is not None and high is not None and (high - low) // value > 20:
            raise ValueError(f"the scale would have {(high - low) // value + 1} points; at most 21 fit on paper")
        if low is not None and high is not None and (high - low) % value:
            raise ValueError(f"step {value} does not divide the range {low} to {high}, so {high} would not be a point; "
                             f"use a step that divides {high - low}")
        return value

    @property
    def points(self) -> list[int]:
        return list(range(self.min, self.max + 1, self.step))


class OtherMixin(BaseModel):
    """An optional "Other: ___" choice: ticking it saves the value ``other``, and its text box
    is a text field of its own, ``<id>_other``, so it saves beside the answer with no new shape."""

    other: str | None = Field(
        default=None,
        description="Label of an extra 'Other' option with a text box; its text is saved under '<id>_other'.",
    )

    @property
    def other_id(self) -> str | None:
        return f"{self.id}_{OTHER}" if self.other else None  # type: ignore[attr-defined]


class ChoiceField(OtherMixin, FieldBase):
    """Pick one (or, with ``multiple``, several) of a fixed list."""

    kind: Literal["choice"]
    options: list[Option] = Field(min_length=2)
    multiple: bool = False

    _strings = field_validator("options", mode="before")(classmethod(lambda cls, v: _options_from_strings(v)))


class ChecklistField(OtherMixin, FieldBase):
    """Tick the items that apply."""

    kind: Literal["checklist"]
    items: list[Option] = Field(min_length=1)

    _strings = field_validator("items", mode="before")(classmethod(lambda cls, v: _options_from_strings(v)))


class DateField(FieldBase):
    """A calendar date."""

    kind: Literal["date"]


class TrackerField(FieldBase):
    """Dated 0-10 ratings of how far a goal is met, kept over time."""

    kind: Literal["tracker"]
    goal: Identifier | None = Field(default=None, description="Id of the goal field this tracker follows.")
    min_label: str = "not at all met"
    max_label: str = "fully met"
    print_rows: int = Field(default=12, ge=1, le=60, description="Empty dated rows on the printed sheet.")


# The kinds a row of a ``repeat`` group may hold (no nesting, no trackers).
RowField = Annotated[
    Union[TextField, TextareaField, ScaleField, ChoiceField, DateField],
    Field(discriminator="kind"),
]


class RepeatField(FieldBase):
    """A group of sub-fields a person can add rows to (steps, supports, obstacles)."""

    kind: Literal["repeat"]
    fields: list[RowField] = Field(min_length=1)
    min_rows: int = Field(default=1, ge=0, le=50)
    max_rows: int = Field(default=10, ge=1, le=50)
    add_label: str = "Add another"
    print_rows: int | None = Field(
        default=None, ge=1, le=50, description="Empty rows on the printed sheet (default: min_rows, at least 4, at most max_rows)."
    )

    @field_validator("max_rows")
    @classmethod
    def _rows(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min_rows")
        if low is not None and value < low:
            raise ValueError(f"max_rows ({value}) must not be less than min_rows ({low})")
        return value


AnyField = Annotated[
    Union[
        TextField,
        TextareaField,
        GoalField,
        ScaleField,
        ChoiceField,
        ChecklistField,
        DateField,
        RepeatField,
        TrackerField,
    ],
    Field(discriminator="kind"),
]

# The registry: kind name -> class, in the order authors see them listed.
FIELD_KINDS: dict[str, type[FieldBase]] = {
    get_args(cls.model_fields["kind"].annotation)[0]: cls for cls in get_args(get_args(AnyField)[0])
}
ROW_KINDS: tuple[str, ...] = tuple(
    get_args(cls.model_fields["kind"].annotation)[0] for cls in get_args(get_args(RowField)[0])
)


class ChapterLink(Strict):
    """A link from a worksheet back to its chapter."""

    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*\.md$", description="The chapter's file in content/.")]
    title: NonEmpty


class Section(Strict):
    """A titled group of fields with an optional Markdown intro."""

    title: NonEmpty
    intro: str | None = Field(default=None, description="Markdown shown before the fields.")
    fields: list[AnyField] = Field(min_length=1)


class Worksheet(Strict):
    """One worksheet: a page of the site and a printable PDF."""

    id: Identifier
    title: NonEmpty
    summary: NonEmpty = Field(description="One sentence: what this worksheet helps with.")
    intro: str | None = Field(default=None, description="Markdown shown at the top of the page and the PDF.")
    print_intro: str | None = Field(
        default=None, description="Markdown shown in the PDF in place of intro, for wording that only fits a screen."
    )
    chapter: ChapterLink | None = Field(default=None, description="The chapter that introduces this worksheet; the page links back to it.")
    order: int = Field(default=100, description="Position in the Worksheets menu (lower first).")
    start_here: bool = Field(default=False, description="Suggest this worksheet on My goals while no goal is written yet.")
    review_field: Identifier | None = Field(
        default=None,
        description="Id of this worksheet's date field that records a review of every goal (My goals counts it as each goal's last review).",
    )
    sections: list[Section] = Field(min_length=1)
    # Where it was written: the file as shown in messages, and (line, column) of each value by its
    # path ('chapter.page'), so checks made after loading (the plugin's, against the docs) name file:line.
    # Private: not in the model's data, its JSON or the PDF cache keys.
    _origin: tuple[str, dict[str, tuple[int, int]]] = PrivateAttr(default=("", {}))

    def fields(self) -> list[FieldBase]:
        """Every top-level field, in page order."""
        return [f for s in self.sections for f in s.fields]

    def field(self, field_id: str) -> FieldBase | None:
        return next((f for f in self.fields() if f.id == field_id), None)

    def has_examples(self) -> bool:
        return any(f.example is not None for f in self.fields())

    def goal_fields(self) -> list[GoalField]:
        return [f for f in self.fields() if isinstance(f, GoalField)]


def menu_order(worksheets: Iterable[Worksheet]) -> list[Worksheet]:
    """The one order of worksheets (menu, My goals' index, the whole-workbook PDF): ``order``, then title."""
    return sorted(worksheets, key=lambda ws: (ws.order, ws.title))


def json_schema() -> dict:
    """The JSON Schema editors use to complete and check worksheet YAML."""
    schema = Worksheet.model_json_schema()
    # Authors may write options as plain strings (see _options_from_strings).
    for kind, key in (("ChoiceField", "options"), ("ChecklistField", "items")):
        prop = schema["$defs"][kind]["properties"][key]
        prop["items"] = {"anyOf": [{"type": "string", "minLength": 1}, prop["items"]]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://therapy-goals-workbook.invalid/worksheet.schema.json"
    return schema
