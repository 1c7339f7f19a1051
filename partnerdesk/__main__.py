from partnerdesk.cli import main

raise SystemExit(main())
