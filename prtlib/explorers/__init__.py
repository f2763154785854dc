"""The interactive explorers of the lessons, one module per lesson.

Each explorer is a thin wire between ipywidgets controls and a tested ``prtlib`` function;
see :class:`prtlib.explorers.base.Explorer`. In a notebook::

    from prtlib.explorers.lesson00 import PainByArmExplorer
    PainByArmExplorer()
"""

from prtlib.explorers.base import Explorer

__all__ = ["Explorer"]
