"""Messages of the local state: the invitation ledger, the outbox, drafts."""

MESSAGES: dict[str, dict[str, str]] = {
    "state.error.secret": {
        "en": "Refusing to store what looks like a secret ({fields}); passwords and tokens "
              "are never written to disk.",
        "cs": "Odmítnuto uložit údaje, které vypadají jako tajné ({fields}); hesla a tokeny "
              "se nikdy neukládají na disk.",
    },
    "state.error.invitation_missing": {
        "en": "Invitation {id} does not exist.",
        "cs": "Pozvánka {id} neexistuje.",
    },
    "state.error.invitation_transition": {
        "en": "Invitation for {company} is {status}; it cannot be {action}.",
        "cs": "Pozvánka pro {company} je ve stavu {status}; nelze ji {action}.",
    },
    "state.invitation.status.pending": {"en": "pending", "cs": "čeká"},
    "state.invitation.status.stale": {"en": "stale", "cs": "zastaralá"},
    "state.invitation.status.accepted": {"en": "accepted", "cs": "přijatá"},
    "state.invitation.status.cancelled": {"en": "cancelled", "cs": "zrušená"},
    "state.invitation.action.accept": {"en": "accepted", "cs": "přijmout"},
    "state.invitation.action.cancel": {"en": "cancelled", "cs": "zrušit"},
    "state.invitation.action.resend": {"en": "sent again", "cs": "poslat znovu"},
    "state.error.note_empty": {
        "en": "A note cannot be empty.",
        "cs": "Poznámka nemůže být prázdná.",
    },
    "state.error.outbox_missing": {
        "en": "Queued operation {id} does not exist.",
        "cs": "Operace ve frontě {id} neexistuje.",
    },
    "state.error.outbox_transition": {
        "en": "“{subject}” is {state}; it cannot be {action}.",
        "cs": "„{subject}“ je ve stavu {state}; nelze ji {action}.",
    },
    "state.error.outbox_duplicate": {
        "en": "“{subject}” cannot be queued again: the same operation is already queued or "
              "done.",
        "cs": "„{subject}“ nelze znovu zařadit: stejná operace už je ve frontě nebo hotová.",
    },
    "state.outbox.state.queued": {"en": "queued", "cs": "ve frontě"},
    "state.outbox.state.sending": {"en": "sending", "cs": "odesílá se"},
    "state.outbox.state.done": {"en": "done", "cs": "hotovo"},
    "state.outbox.state.failed": {"en": "failed", "cs": "selhalo"},
    "state.outbox.state.needs_attention": {"en": "needs attention", "cs": "vyžaduje pozornost"},
    "state.outbox.action.done": {"en": "marked done", "cs": "označit jako hotovou"},
    "state.outbox.action.failed": {"en": "marked failed", "cs": "označit jako neúspěšnou"},
    "state.outbox.action.retry": {"en": "retried", "cs": "zopakovat"},
    "state.outbox.action.needs_attention": {"en": "set aside for a check",
                                            "cs": "odložit ke kontrole"},
    "state.outbox.action.requeue": {"en": "queued again", "cs": "znovu zařadit"},
    "state.outbox.action.discard": {"en": "discarded", "cs": "zahodit"},
}
