"""Steps the browser tests take on the complaint page, as a person does them: open an action's
or a record's form, fill it in, send it."""


def _fill(scope, prefix: str, fields: dict[str, str]) -> None:
    """Type or choose each value in the field `prefix-name` within `scope`. Root causes are
    chosen by what the person reads ("CODE name"), every other select by its value."""
    for name, value in fields.items():
        field = scope.locator(f"[name='{prefix}-{name}']")
        if name == "root_cause":
            field.select_option(label=value)
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def act(page, action: str, fields: dict[str, str] | None = None) -> None:
    """Make a lifecycle move from the page's action panel (its form opened when it has one)."""
    panel = page.locator(f"form[action$='/actions/{action}/']")
    if fields:
        page.locator("details", has=panel).locator("summary").click()
        _fill(panel, action, fields)
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()


def record(page, kind: str, fields: dict[str, str]) -> None:
    """Write a handling record (investigation, response, follow-up…) from its form."""
    panel = page.locator(f"form[action$='/records/{kind}/']")
    page.locator("details", has=panel).locator("summary").click()
    _fill(panel, kind, fields)
    panel.locator("button[type=submit]").click()
    page.wait_for_load_state()


def reply(page, fields: dict[str, str]) -> None:
    """Reply from the composer: open it from the complaint page, change the fields given (the
    letter drafted from the template is kept as it is), send."""
    page.locator("[data-testid=compose-reply]").click()
    page.wait_for_load_state()
    _fill(page, "reply", fields)
    page.locator("[data-testid=send-reply]").click()
    page.wait_for_load_state()
