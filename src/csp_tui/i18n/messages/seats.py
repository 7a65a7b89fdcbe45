"""Seats in use: licence pools read by the sync, what each subscription's seats are (bought,
assigned, unused, or why there is nothing to show), the subscription pane's column and
``csp-tui seats``."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the part of a customer (sync_parts.part.* / part_title.*) ------------------------------
    "sync_parts.part.seats": {"en": "seats in use (licence pools)",
                              "cs": "využité licence (fondy licencí)"},
    "sync_parts.part_title.seats": {"en": "Seats in use", "cs": "Využité licence"},
}
