"""Words about the profile's private files (symbolic links refused)."""

MESSAGES = {
    "files.symlink_refused": {
        "en": "{path} is a symbolic link; csp-tui does not follow links for its tokens and "
              "databases (someone else could choose where they go). Remove the link.",
        "cs": "{path} je symbolický odkaz; csp-tui u tokenů a databází odkazy nenásleduje "
              "(kam povedou, by mohl určit někdo jiný). Odkaz odstraňte.",
    },
}
