"""The refresh cycle: what kind of refresh ran, why a full read, the oldest data's age."""

MESSAGES: dict[str, dict[str, str]] = {
    "refresh.cli.opt_full": {
        "en": "read every customer in full instead of what changed since the last sync",
        "cs": "načíst všechny zákazníky celé místo toho, co se od poslední synchronizace "
              "změnilo",
    },
    "refresh.kind.full": {"en": "Full read", "cs": "Úplné načtení"},
    "refresh.kind.refresh": {"en": "Refresh of what changed",
                             "cs": "Synchronizace změn"},
    "refresh.kind.fallback": {"en": "Full read (the audit log could not be read)",
                              "cs": "Úplné načtení (auditní záznamy se nepodařilo načíst)"},
    "refresh.line.kind": {"en": "{kind}.", "cs": "{kind}."},
    "refresh.why.first": {"en": "  Why a full read: nothing was read completely before.",
                          "cs": "  Proč úplné načtení: dosud nic nebylo načteno celé."},
    "refresh.why.forced": {"en": "  Why a full read: asked for (--full).",
                           "cs": "  Proč úplné načtení: vyžádáno (--full)."},
    "refresh.why.too_old": {
        "en": "  Why a full read: the last refresh is older than the audit log keeps "
              "(90 days).",
        "cs": "  Proč úplné načtení: poslední synchronizace je starší, než kolik auditní záznamy "
              "uchovávají (90 dní).",
    },
    "refresh.why.audit_failed": {
        "en": "  The audit log could not be read ({error}); everything was read instead.",
        "cs": "  Auditní záznamy se nepodařilo načíst ({error}); místo toho bylo načteno "
              "všechno.",
    },
    "refresh.line.reread": {
        "en": "  Re-read: {new} new, {audit} named by the audit log, {dates} due by dates, "
              "{sweep} oldest (sweep).",
        "cs": "  Znovu načteno: {new} nových, {audit} podle auditních záznamů, {dates} podle "
              "termínů, {sweep} nejstarších (průběžná synchronizace).",
    },
    "refresh.line.requests": {"en": "  Requests: {count}.", "cs": "  Požadavků: {count}."},
    "refresh.line.oldest": {"en": "  Oldest data: {age} old.", "cs": "  Nejstarší data: {age}."},
    "refresh.line.oldest_unknown": {
        "en": "  Oldest data: some customers have never been read in full.",
        "cs": "  Nejstarší data: někteří zákazníci ještě nebyli načteni celí.",
    },
    "refresh.age.minutes": {"en": "{count} min", "cs": "{count} min"},
    "refresh.age.hours": {"en": "{count} h", "cs": "{count} h"},
    "refresh.status.after_synced": {"en": "{synced} · {cycle}", "cs": "{synced} · {cycle}"},
    "refresh.status": {"en": "{kind} · oldest {age}", "cs": "{kind} · nejstarší {age}"},
    "refresh.status.short.full": {"en": "full read", "cs": "úplné načtení"},
    "refresh.status.short.refresh": {"en": "refresh", "cs": "změny"},
    "refresh.status.short.fallback": {"en": "full read (audit unreadable)",
                                      "cs": "úplné načtení (audit nečitelný)"},
}
