"""CSV/XLSX import and export of areas, parties and MOUs, and export of their parts.

Parties and areas are named by slug or by any name they are known by (for a
party: its name, short name or one of its other names), so an import matches
the existing record and never makes a second one.
"""

import re

from django.core.exceptions import ValidationError
from django_countries import countries
from import_export import fields, widgets

from meetings.models import Meeting
from meetings.resources import (
    ChoiceWidget,
    CitationResource,
    PartialDateField,
    PartResource,
    PublishableResource,
    RecordResource,
    ReferenceField,
    chinese_columns,
    translation_status_field,
)

from .models import (
    MIN_PARTIES,
    MOU,
    Area,
    AreaCitation,
    MOUCitation,
    Party,
    PartyCitation,
    Signatory,
)


def resolve_known_name(model, text: str):
    """The one record of `model` known by this slug or name; ValueError naming the problem."""
    matches = list(model.objects.known_as(text)[:5])
    name = model._meta.verbose_name
    if not matches:
        raise ValueError(f"No {name} has the slug or name '{text}'.")
    if len(matches) > 1:
        slugs = ", ".join(match.slug for match in matches)
        raise ValueError(f"'{text}' names more than one {name} ({slugs}): give the slug.")
    return matches[0]


class KnownNameWidget(widgets.ForeignKeyWidget):
    """A party or area named by its slug or a known name; exported as its slug."""

    def __init__(self, model) -> None:
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        return resolve_known_name(self.model, text) if text else None


class KnownNamesWidget(widgets.ManyToManyWidget):
    """Parties or areas separated by ';', each by slug or known name; exported as slugs."""

    def __init__(self, model) -> None:
        super().__init__(model, separator=";", field="slug")

    def clean(self, value, row=None, **kwargs) -> list:
        names = [name.strip() for name in re.split(r"[;\n]", str(value or "")) if name.strip()]
        return [resolve_known_name(self.model, name) for name in names]

    def render(self, value, obj=None, **kwargs) -> str:
        return "" if value is None else "; ".join(related.slug for related in value.all())


class CountryWidget(widgets.CharWidget):
    """A country by its ISO code or English name (SG, Singapore, CN, China)."""

    def clean(self, value, row=None, **kwargs) -> str:
        text = super().clean(value, row, **kwargs).strip()
        if not text:
            return ""
        if text.upper() in dict(countries):
            return text.upper()
        code = countries.by_name(text)
        if not code:
            raise ValueError(f"'{text}' is not a country code (SG, CN) or a country's name.")
        return code

    def render(self, value, obj=None, **kwargs) -> str:
        return str(value or "")


class KnownRecordResource(RecordResource):
    """A row matches the existing record with its slug, or else one known by its name."""

    identifying_columns = ["slug", "name"]

    def before_import_row(self, row, **kwargs) -> None:
        for column in ("slug", "name"):
            if isinstance(row.get(column), str):
                row[column] = row[column].strip()

    def get_instance(self, instance_loader, row):
        model = self._meta.model
        slug = row.get("slug")
        if slug:
            found = model.objects.filter(slug=slug).first()
            if found is not None:
                return found
        name = row.get("name")
        if not name:
            return None
        matches = list(model.objects.known_as(name)[:5])
        if len(matches) > 1:
            slugs = ", ".join(match.slug for match in matches)
            raise ValidationError(
                {"name": f"'{name}' names more than one {model._meta.verbose_name} ({slugs})."}
            )
        if matches:
            # The row updates the record it names, which keeps its slug (its address).
            row["slug"] = matches[0].slug
            return matches[0]
        self.slug_from(row, "name")
        return None


class AreaResource(KnownRecordResource, PublishableResource):
    description_zh_status = translation_status_field("description")

    class Meta(RecordResource.Meta):
        model = Area
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "description",
            *chinese_columns("description", name=True),
            "status",
            "published_at",
        ]


class PartyResource(KnownRecordResource, PublishableResource):
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Party.Kind.choices)
    )
    parent = fields.Field(attribute="parent", column_name="parent", widget=KnownNameWidget(Party))
    description_zh_status = translation_status_field("description")

    class Meta(RecordResource.Meta):
        model = Party
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "short_name",
            "other_names",
            "country",
            "city",
            "kind",
            "parent",
            "description",
            *chinese_columns("description", name=True),
            "status",
            "published_at",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent")


class SignatoriesWidget(widgets.Widget):
    """An MOU's parties in order, each with its side, separated by ';'.

    `SG: infocomm-media-development-authority; CN: Commerce Bureau of Shenzhen Municipality`
    A party no source names: `CN: unnamed: a technology company in Shenzhen`.
    """

    ENTRY = re.compile(r"^(?P<side>[A-Za-z]{2})\s*:\s*(?P<who>.+)$")
    UNNAMED = re.compile(r"^unnamed\s*:\s*(?P<description>.+)$", re.IGNORECASE)

    def clean(self, value, row=None, **kwargs) -> list[tuple]:
        entries = [entry.strip() for entry in re.split(r"[;\n]", str(value or ""))]
        entries = [entry for entry in entries if entry]
        sides = {side.casefold(): side for side in Signatory.Side.values}
        signatories = []
        for entry in entries:
            match = self.ENTRY.match(entry)
            if not match or match["side"].casefold() not in sides:
                raise ValueError(
                    f"'{entry}' does not give a side: write 'SG: party' or 'CN: party'."
                )
            side, who = sides[match["side"].casefold()], match["who"].strip()
            unnamed = self.UNNAMED.match(who)
            if unnamed:
                signatories.append((None, side, unnamed["description"].strip()))
            else:
                signatories.append((resolve_known_name(Party, who), side, ""))
        if len(signatories) < MIN_PARTIES:
            raise ValueError("An MOU has at least two parties: give each, with its side.")
        named = [party.pk for party, _, _ in signatories if party is not None]
        if len(named) != len(set(named)):
            raise ValueError("A party is listed twice.")
        return signatories

    def render(self, value, obj=None, **kwargs) -> str:
        return "; ".join(
            f"{side}: {party.slug}" if party else f"{side}: unnamed: {description}"
            for party, side, description in value or []
        )


class SignatoriesField(fields.Field):
    """The signatories column: applied after the MOU is saved, replacing its signatories."""

    def __init__(self) -> None:
        super().__init__(
            attribute="signatories", column_name="signatories", widget=SignatoriesWidget()
        )

    def get_value(self, mou: MOU) -> list[tuple]:
        pending = getattr(mou, "_imported_signatories", None)
        if pending is not None:
            return pending
        if mou.pk is None:
            return []
        return [
            (signatory.party, signatory.side, signatory.unnamed_description)
            for signatory in mou.signatories.all()
        ]

    def save(self, mou: MOU, row, is_m2m=False, **kwargs) -> None:
        mou._imported_signatories = self.clean(row, **kwargs)


class MOUResource(PublishableResource):
    instrument_type = fields.Field(
        attribute="instrument_type",
        column_name="instrument_type",
        widget=ChoiceWidget(MOU.InstrumentType.choices),
    )
    area = fields.Field(attribute="area", column_name="area", widget=KnownNameWidget(Area))
    meeting = ReferenceField("meeting", Meeting, "ordinal")
    signed_on = PartialDateField("signed_on")
    builds_on = ReferenceField("builds_on", MOU)
    signatories = SignatoriesField()
    description_zh_status = translation_status_field("description")

    class Meta(RecordResource.Meta):
        model = MOU
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "title_is_official",
            "short_title",
            "instrument_type",
            "area",
            "meeting",
            "signed_on",
            "signatories",
            "description",
            *chinese_columns("description"),
            "builds_on",
            "status",
            "published_at",
        ]

    def before_import_row(self, row, **kwargs) -> None:
        self.slug_from(row, "title")

    def import_instance(self, mou: MOU, row, **kwargs) -> None:
        errors = {}
        try:
            super().import_instance(mou, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if mou.pk is None and "signatories" not in row:
            errors["signatories"] = ["A new MOU needs a signatories column naming its parties."]
        elif mou.is_published and "signatories" not in errors:
            # An import never publishes, but it must not leave a published MOU
            # as the model would not publish it.
            pending = getattr(mou, "_imported_signatories", None)
            problem = mou.publication_problem(None if pending is None else len(pending))
            if problem:
                errors["signatories"] = [problem]
        if errors:
            raise ValidationError(errors)

    def filter_export(self, queryset, **kwargs):
        # What the columns show, fetched in a fixed number of queries (replacing
        # whatever the admin list prefetched for itself).
        return queryset.prefetch_related(None).with_related()

    def after_save_instance(self, mou: MOU, row, **kwargs) -> None:
        wanted = getattr(mou, "_imported_signatories", None)
        if wanted is None:
            return
        current = list(mou.signatories.order_by("order"))
        if [(s.party_id, s.side, s.unnamed_description) for s in current] == [
            (party.pk if party else None, side, description) for party, side, description in wanted
        ]:
            return
        for signatory in current:
            self.mark_change(signatory, **kwargs)
            signatory.delete()
        for order, (party, side, description) in enumerate(wanted, 1):
            signatory = Signatory(
                mou=mou, order=order, party=party, side=side, unnamed_description=description
            )
            self.mark_change(signatory, **kwargs)
            signatory.save()


class AreaCitationResource(CitationResource):
    area = ReferenceField("area", Area)

    class Meta:
        model = AreaCitation
        fields = ["area", "source", "locator", "quote"]


class PartyCitationResource(CitationResource):
    party = ReferenceField("party", Party)

    class Meta:
        model = PartyCitation
        fields = ["party", "source", "locator", "quote"]


class SignatoryResource(PartResource):
    mou = ReferenceField("mou", MOU)
    party = ReferenceField("party", Party)

    class Meta:
        model = Signatory
        fields = ["mou", "order", "side", "party", "unnamed_description"]


class MOUCitationResource(CitationResource):
    mou = ReferenceField("mou", MOU)

    class Meta:
        model = MOUCitation
        fields = ["mou", "source", "locator", "quote"]
