import sys

from zongjie.cli import main

sys.exit(main())
