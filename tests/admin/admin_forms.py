"""Build the POST data of an admin change form, as a browser would submit it."""

import datetime


def _put(data: dict, key: str, value) -> None:
    if value is None or value is False:
        return
    if value is True:
        data[key] = "on"
    elif isinstance(value, (list, tuple)):
        data[key] = [str(item) for item in value]
    elif isinstance(value, (datetime.date, datetime.datetime)):
        data[key] = value.isoformat()
    else:
        data[key] = str(value)


def form_data(response) -> dict:
    """The data a change page would post back unchanged: the form and every inline."""
    data: dict = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())
    # A revert page (simple-history) has the record's form but no inlines.
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            _put(data, management.add_prefix(name), management[name].value())
        for row in formset.forms:
            for name in row.fields:
                _put(data, row.add_prefix(name), row[name].value())
    return data


def inline_rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """An inline formset's POST data: its management form, then one dict per row."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            _put(data, f"{prefix}-{index}-{name}", value)
    return data


def new_mou_data(title: str, parties, meeting=None, **fields) -> dict:
    """The add-MOU form: a title, its signatories (party, side) and no citations."""
    data = {
        "title": title,
        "title_is_official": "on",
        "slug": fields.pop("slug", title.lower().replace(" ", "-")),
        "instrument_type": "mou",
        "signed_on": "2022-11-25",
        "signed_on_precision": "day",
        "meeting": meeting.pk if meeting else "",
        # Shown to Publishers only, set to draft; ignored for Editors.
        "status": "draft",
    }
    data.update(fields)
    data.update(
        inline_rows(
            "signatories",
            [{"party": party.pk, "side": side, "order": ""} for party, side in parties],
        )
    )
    data.update(inline_rows("citations", []))
    return data


def errors_of(response) -> str:
    """Every error message an admin form page shows, as one string."""
    messages = []
    if response.context and "adminform" in response.context:
        messages += [str(e) for e in response.context["adminform"].form.errors.values()]
        for inline in response.context["inline_admin_formsets"]:
            messages += [str(e) for e in inline.formset.non_form_errors()]
            messages += [str(e) for e in inline.formset.errors]
    return " ".join(messages)
