from csp_tui.cli import main

raise SystemExit(main())
