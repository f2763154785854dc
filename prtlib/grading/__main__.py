"""``python -m prtlib.grading SUBMISSIONS --out DIR``: see :mod:`prtlib.grading`."""

from prtlib.grading import main

if __name__ == "__main__":
    raise SystemExit(main())
