"""``python -m prtlib.course.grading SUBMISSIONS --out DIR``: see :mod:`prtlib.course.grading`."""

from prtlib.course.grading import main

if __name__ == "__main__":
    raise SystemExit(main())
