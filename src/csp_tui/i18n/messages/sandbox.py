"""Messages of the sandbox emulator itself (serving it on loopback)."""

MESSAGES: dict[str, dict[str, str]] = {
    "sandbox.server.not_loopback": {
        "en": "The sandbox only listens on this computer (127.0.0.1, ::1 or localhost), "
              "not on {host}: it accepts any token, so it must not be reachable from the "
              "network.",
        "cs": "Sandbox naslouchá jen na tomto počítači (127.0.0.1, ::1 nebo localhost), "
              "ne na {host}: přijme jakýkoli token, proto nesmí být dostupný ze sítě.",
    },
    "sandbox.server.start_timeout": {
        "en": "The sandbox server did not start within {seconds} seconds.",
        "cs": "Sandbox server se nespustil do {seconds} sekund.",
    },
}
