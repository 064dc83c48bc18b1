import sys

from zongjie.cli.main import main

sys.exit(main())
