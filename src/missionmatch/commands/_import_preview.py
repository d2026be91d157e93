"""The import preview as text for the terminal: one line a row, the changed fields before -> after."""

from missionmatch.services.import_plan import ImportPlan


def preview_lines(plan: ImportPlan, file_name: str) -> list[str]:
    counts = ", ".join(
        f"{plan.count(action)} {words}"
        for action, words in (("add", "to add"), ("update", "to update"), ("unchanged", "unchanged"))
    )
    encoding = f" ({plan.encoding})" if plan.encoding else ""
    lines = [
        f"Preview of {file_name}{encoding}, participants found by {plan.choice.key_field}: {counts}, "
        f"{len(plan.new_organisations)} new organisation(s)"
    ]
    for row in plan.rows:
        changes = "; ".join(f"{c.field}: {c.before or '(blank)'} -> {c.after}" for c in row.changes)
        line = f"  row {row.number}  {row.action:<9}  {row.email}  {row.name} ({row.organisation})"
        lines.append(f"{line}: {changes}" if changes else line)
    return lines
