"""Run one learner's notebook in a fresh kernel, with limits, and read back its values.

The notebook runs on a copy, in a new temporary folder that is its working directory, in a
new kernel. Before the learner's first cell the grader runs a setup cell that caps what the
notebook can print and (unless told otherwise) switches off Python's network connections;
after the last cell it runs an export cell that evaluates the graded expressions in the
learner's namespace and writes a plain description of each value (a number, a text, "not
answered", "an array of 151 values"...) to a file in a folder the grader created. Nothing the
notebook printed is read: stored outputs are dropped before the run and new ones are counted,
not kept (errors excepted).

Limits: each cell may run for ``cell_timeout`` seconds, and all the learner's cells together
for ``timeout`` seconds; a cell over its limit is interrupted and the next cell runs. When the
notebook's time is used up the remaining cells are skipped. The export cell has its own
short allowance, so the values computed so far are still read.
"""

from __future__ import annotations

import ast
import asyncio
import logging
import math
import os
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

EXPORT_SECONDS = 30
"""Time allowed to the export cell, on top of the notebook's own limit."""
STARTUP_SECONDS = 60
"""Time allowed for a kernel to start."""
MAX_TEXT = 2000
"""Characters of a text answer kept for the gradebook."""
MAX_PAYLOAD_BYTES = 20_000_000
"""Largest export file the grader reads."""
TIMEOUT_ENAME = "CellTimeLimit"

_SETUP = r'''
def __prtlib_grader_setup(limit, block_network):
    import builtins as B
    import sys as Y
    counts = {"stdout": 0, "stderr": 0}
    Y.__dict__["_prtlib_grader_output"] = counts
    # IPython wraps each stream's write method around every cell (stream.write = ...), so
    # the cap is a property of the stream's class that keeps whatever is assigned inside it.
    busy = [False]
    def capping(base):
        class Capped(base):
            @B.property
            def write(self):
                inner = self.__dict__.get("_prtlib_inner") or base.write.__get__(self)
                name = "stderr" if B.getattr(self, "name", "") == "stderr" else "stdout"
                def capped(text, *args, **kwargs):
                    if busy[0]:
                        return inner(text, *args, **kwargs)
                    busy[0] = True
                    try:
                        n = B.len(text)
                        used = counts[name]
                        counts[name] = used + n
                        if used >= limit:
                            return n
                        if used + n > limit:
                            inner(text[: limit - used])
                            inner("\n[the grader dropped the rest of this output]\n")
                            return n
                        return inner(text, *args, **kwargs)
                    finally:
                        busy[0] = False
                capped._prtlib_inner = inner
                return capped
            @write.setter
            def write(self, value):
                self.__dict__["_prtlib_inner"] = B.getattr(value, "_prtlib_inner", value)
        return Capped
    made = {}
    for stream in (Y.stdout, Y.stderr):
        try:
            base = B.type(stream)
            if base not in made:
                made[base] = capping(base)
            current = stream.__dict__.pop("write", None)
            if current is not None:
                stream.__dict__["_prtlib_inner"] = current
            stream.__class__ = made[base]
        except B.BaseException:
            pass
    if block_network:
        import socket as S
        local = ("127.0.0.1", "::1", "localhost", "")
        def refuse(what):
            raise B.OSError(f"network access is switched off while grading ({what})")
        real_connect, real_connect_ex = S.socket.connect, S.socket.connect_ex
        real_getaddrinfo = S.getaddrinfo
        def host_of(address):
            return address[0] if B.isinstance(address, B.tuple) and address else ""
        def connect(self, address):
            if self.family in (S.AF_INET, S.AF_INET6) and host_of(address) not in local:
                refuse(host_of(address))
            return real_connect(self, address)
        def connect_ex(self, address):
            if self.family in (S.AF_INET, S.AF_INET6) and host_of(address) not in local:
                refuse(host_of(address))
            return real_connect_ex(self, address)
        def getaddrinfo(host, *args, **kwargs):
            name = host.decode() if B.isinstance(host, B.bytes) else B.str(host or "")
            if name not in local:
                refuse(name)
            return real_getaddrinfo(host, *args, **kwargs)
        S.socket.connect, S.socket.connect_ex, S.getaddrinfo = connect, connect_ex, getaddrinfo
__prtlib_grader_setup(%(limit)d, %(block)r)
del __prtlib_grader_setup
'''

# Only builtins reached through the module object and local names: a learner who rebinds
# print, json, float, isinstance or check in the notebook changes nothing here.
_EXPORT = r'''
def __prtlib_grader_export(path, nonce, expressions, max_text):
    import builtins as B
    import numbers as N
    namespace = B.globals()
    def name_of(x):
        try:
            return B.str(B.type(x).__name__)[:80]
        except B.BaseException:
            return "object"
    def describe(x, depth=0):
        if x is B.Ellipsis:
            return {"kind": "ellipsis"}
        if x is None:
            return {"kind": "none"}
        if B.isinstance(x, B.bool):
            return {"kind": "bool", "value": B.bool(x)}
        if B.isinstance(x, B.str):
            text = B.str.__str__(x)
            return {"kind": "str", "value": text[:max_text], "length": B.len(text)}
        size = B.getattr(x, "size", None)
        if size is not None and not B.isinstance(x, N.Real):
            out = {"kind": "sized", "type": name_of(x)}
            if B.isinstance(size, N.Integral) and not B.isinstance(size, B.bool):
                out["size"] = B.int(size)
            else:
                out["size_text"] = B.repr(size)[:80]
            if B.isinstance(size, N.Integral) and size == 1 and depth == 0:
                try:
                    item = x.item() if B.hasattr(x, "item") else B.float(x)
                    out["item"] = describe(item, depth + 1)
                except B.BaseException:
                    out["item"] = {"kind": "unreadable", "type": name_of(x)}
            return out
        for base in (B.list, B.tuple, B.dict, B.set):
            if B.isinstance(x, base):
                return {"kind": "container", "type": name_of(x), "base": base.__name__,
                        "length": B.len(x)}
        if B.isinstance(x, N.Real):
            if B.isinstance(x, N.Integral):
                return {"kind": "number", "value": B.int(x), "type": name_of(x)}
            v = B.float(x)
            if v != v or v in (B.float("inf"), B.float("-inf")):
                return {"kind": "number", "special": B.repr(v), "type": name_of(x)}
            return {"kind": "number", "value": v, "type": name_of(x)}
        return {"kind": "other", "type": name_of(x)}
    values = {}
    for expression in expressions:
        try:
            value = B.eval(expression, namespace)
        except B.BaseException as exc:
            values[expression] = {"ok": False, "error": name_of(exc),
                                  "message": B.str(exc)[:300]}
            continue
        try:
            values[expression] = {"ok": True, "value": describe(value)}
        except B.BaseException as exc:
            values[expression] = {"ok": False, "error": name_of(exc),
                                  "message": "the value could not be read: " + B.str(exc)[:200]}
    import sys as Y
    output = Y.__dict__.get("_prtlib_grader_output", {})
    payload = {"nonce": nonce, "values": values,
               "output": {k: B.int(v) for k, v in B.dict(output).items()}}
    with B.open(path, "w", encoding="utf-8") as handle:
        handle.write(B.repr(payload))
__prtlib_grader_export(%(path)r, %(nonce)r, %(expressions)r, %(max_text)d)
del __prtlib_grader_export
'''


@dataclass(frozen=True)
class Limits:
    """How long and how loud a notebook may be, and whether it may reach the network."""

    timeout: float = 300.0
    cell_timeout: float = 120.0
    max_output: int = 1_000_000
    allow_network: bool = False

    def key(self) -> str:
        return (f"t{self.timeout:g}-c{self.cell_timeout:g}-o{self.max_output}"
                f"-n{int(self.allow_network)}")


@dataclass
class CellRun:
    """What happened to one of the learner's code cells.

    ``index`` is the cell's position in the notebook (from 0), ``number`` its place among
    the code cells (from 1, as a learner counts them); ``error`` completes the sentence
    "code cell N ..." ("raised NameError: ...", "stopped at the 10 s time limit per cell").
    """

    index: int
    number: int = 0
    status: str = "not_run"  # ok, error, timeout, skipped, not_run
    error: str = ""

    def to_dict(self) -> dict:
        return {"index": self.index, "number": self.number, "status": self.status,
                "error": self.error}


@dataclass
class RunResult:
    """Everything the grader keeps from one execution."""

    cells: list[CellRun] = field(default_factory=list)
    values: dict[str, dict] = field(default_factory=dict)
    problem: str = ""
    printed: dict[str, int] = field(default_factory=dict)
    received_bytes: int = 0
    files_written: list[str] = field(default_factory=list)
    files_deleted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"cells": [c.to_dict() for c in self.cells], "values": self.values,
                "problem": self.problem, "printed": self.printed,
                "received_bytes": self.received_bytes, "files_written": self.files_written,
                "files_deleted": self.files_deleted, "seconds": self.seconds}

    @classmethod
    def from_dict(cls, data: dict) -> RunResult:
        return cls(cells=[CellRun(**c) for c in data["cells"]], values=data["values"],
                   problem=data["problem"], printed=data["printed"],
                   received_bytes=data["received_bytes"],
                   files_written=data["files_written"], files_deleted=data["files_deleted"],
                   seconds=data["seconds"])


def _short_error(ename: str, evalue: str) -> str:
    evalue = " ".join(str(evalue).split())
    if len(evalue) > 200:
        evalue = evalue[:197] + "..."
    return f"{ename}: {evalue}" if evalue else ename


def _client_class():
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionComplete

    class GradingClient(NotebookClient):
        """Keeps error outputs only, and counts the bytes of everything else."""

        received_bytes = 0

        def process_message(self, msg, cell, cell_index):
            msg_type = msg["msg_type"]
            content = msg.get("content", {})
            if msg_type == "status":
                if content.get("execution_state") == "idle":
                    raise CellExecutionComplete()
                return None
            if msg_type == "error":
                cell.outputs.append({"output_type": "error",
                                     "ename": str(content.get("ename", ""))[:100],
                                     "evalue": str(content.get("evalue", ""))[:400],
                                     "traceback": []})
                return None
            if msg_type == "stream":
                self.received_bytes += len(content.get("text", ""))
            elif msg_type in ("display_data", "execute_result", "update_display_data"):
                self.received_bytes += sum(len(str(v)) for v in content.get("data", {}).values())
            return None

    return GradingClient


def _listing(folder: Path) -> dict[str, tuple[int, float]]:
    out = {}
    for path in folder.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                stat = path.stat()
                out[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            continue
    return out


_ENV_KEPT = {"PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR",
             "TEMP", "TMP", "TERM", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH",
             "SYSTEMROOT", "COMSPEC", "PATHEXT", "MPLCONFIGDIR", "SSL_CERT_FILE"}
_ENV_PREFIXES = ("LC_", "XDG_", "JUPYTER_", "PRTLIB_", "CONDA_", "IPYTHON")


def kernel_environment() -> dict[str, str]:
    """The environment a grading kernel gets.

    Only what Python, Jupyter and the course need is passed on (paths, locale, the virtual
    or conda environment, ``PRTLIB_*``): tokens, keys and passwords in the grader's
    environment never reach learners' code. Figures are drawn off-screen, numerical
    libraries use one thread each (the notebooks already run side by side), and the
    course's data folder is named explicitly.
    """
    env = {k: v for k, v in os.environ.items()
           if k in _ENV_KEPT or k.startswith(_ENV_PREFIXES)}
    env["MPLBACKEND"] = "Agg"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    try:
        from prtlib.trial.cohort.public import _cache_dir

        env.setdefault("PRTLIB_DATA_DIR", str(_cache_dir(None)))
    except Exception:  # the data folder is a convenience, never a reason to fail
        pass
    return env


def read_payload(path: Path, nonce: str) -> dict:
    """Read the export file written by the kernel; raise ValueError if it is not ours."""
    if not path.is_file():
        raise ValueError("the notebook's values were not written (the export cell did not run "
                         "to the end)")
    if path.stat().st_size > MAX_PAYLOAD_BYTES:
        raise ValueError("the notebook's values are too large to read")
    try:
        payload = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
        raise ValueError(f"the notebook's values could not be read ({type(exc).__name__})") \
            from None
    if not isinstance(payload, dict) or payload.get("nonce") != nonce \
            or not isinstance(payload.get("values"), dict):
        raise ValueError("the notebook's values file was not the one the grader asked for")
    return payload


async def run_notebook(nb, expressions: list[str], limits: Limits,
                       filename: str = "notebook.ipynb") -> RunResult:
    """Execute ``nb`` (a NotebookNode, not modified) and read the values of ``expressions``.

    Never raises for anything the notebook does: every failure ends in ``RunResult.problem``
    or in a cell's status.
    """
    import copy

    import nbformat
    from jupyter_client.manager import AsyncKernelManager
    from nbclient.exceptions import DeadKernelError

    started = time.monotonic()
    result = RunResult()
    work = Path(tempfile.mkdtemp(prefix="prtlib-grade-"))
    outbox = Path(tempfile.mkdtemp(prefix="prtlib-grade-values-"))
    km = kc = None
    try:
        learner = copy.deepcopy(nb)
        code_cells = []
        for index, cell in enumerate(learner.cells):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                cell.metadata = {}
                code_cells.append((index, cell))
        (work / Path(filename).name).write_text(nbformat.writes(learner), encoding="utf-8")
        before = _listing(work)
        result.cells = [CellRun(index, k) for k, (index, _) in enumerate(code_cells, 1)]

        nonce = secrets.token_hex(8)
        payload_path = outbox / f"values-{nonce}.txt"
        setup = nbformat.v4.new_code_cell(_SETUP % {"limit": limits.max_output,
                                                    "block": not limits.allow_network})
        export = nbformat.v4.new_code_cell(_EXPORT % {
            "path": str(payload_path), "nonce": nonce, "expressions": list(expressions),
            "max_text": MAX_TEXT})
        run_nb = nbformat.v4.new_notebook(cells=[setup, *[c for _, c in code_cells], export])
        run_nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                          "language": "python"}}

        km = AsyncKernelManager(kernel_name="python3")
        with open(outbox / "kernel.log", "wb") as log:
            await asyncio.wait_for(km.start_kernel(
                cwd=str(work), env=kernel_environment(), stdout=log, stderr=log,
                extra_arguments=["--HistoryManager.hist_file=:memory:"]), STARTUP_SECONDS)
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=STARTUP_SECONDS)

        replies: dict[int, dict] = {}

        def remember(cell, cell_index, execute_reply):
            replies[cell_index] = (execute_reply or {}).get("content", {})

        quiet = logging.getLogger("prtlib.course.grading.kernel")
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False
        client = _client_class()(
            run_nb, km=km, kernel_name="python3", allow_errors=True,
            interrupt_on_timeout=True, record_timing=False, iopub_timeout=2,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "", "traceback": []},
            on_cell_executed=remember, log=quiet)
        client.kc = kc

        async def run_cell(position: int, seconds: float) -> None:
            client.timeout = max(1, math.ceil(seconds))
            await client.async_execute_cell(run_nb.cells[position], position,
                                            execution_count=position + 1)

        await run_cell(0, EXPORT_SECONDS)
        deadline = time.monotonic() + limits.timeout
        dead = False
        for k, run in enumerate(result.cells, start=1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                run.status = "skipped"
                run.error = f"was not run: the notebook's {limits.timeout:g} s were used up"
                continue
            seconds = min(limits.cell_timeout, remaining)
            try:
                await run_cell(k, seconds)
            except DeadKernelError:
                run.status = "error"
                run.error = ("ended the kernel (the code exited Python, crashed it or ran out "
                             "of memory)")
                result.problem = (f"code cell {run.number} ended the kernel (the code exited "
                                  "Python, crashed it or ran out of memory), so no value "
                                  "could be read")
                dead = True
                break
            reply = replies.get(k, {})
            if reply.get("status") == "error" and reply.get("ename") == TIMEOUT_ENAME:
                run.status = "timeout"
                if seconds < limits.cell_timeout:
                    run.error = (f"stopped when the notebook's {limits.timeout:g} s time limit "
                                 "was used up")
                else:
                    run.error = f"stopped at the {limits.cell_timeout:g} s time limit per cell"
            elif reply.get("status") == "error":
                run.status = "error"
                run.error = "raised " + _short_error(reply.get("ename", "Error"),
                                                     reply.get("evalue", ""))
            else:
                run.status = "ok"
        if not dead:
            try:
                await run_cell(len(run_nb.cells) - 1, EXPORT_SECONDS)
                payload = read_payload(payload_path, nonce)
                result.values = payload["values"]
                output = payload.get("output", {})
                result.printed = {k: int(v) for k, v in output.items()
                                  if isinstance(v, int)} if isinstance(output, dict) else {}
            except DeadKernelError:
                result.problem = "the kernel died while the grader read the values"
            except ValueError as exc:
                result.problem = str(exc)
        result.received_bytes = client.received_bytes
        after = _listing(work)
        result.files_written = sorted(p for p, stat in after.items() if before.get(p) != stat)
        result.files_deleted = sorted(p for p in before if p not in after)
    except Exception as exc:  # the grader's own trouble (a kernel that cannot start...)
        result.problem = f"the notebook could not be run: {_short_error(type(exc).__name__, exc)}"
    finally:
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:
                pass
        if km is not None:
            try:
                await km.shutdown_kernel(now=True)
            except Exception:
                pass
            try:
                from jupyter_core.utils import ensure_async

                await ensure_async(km.cleanup_resources())
            except Exception:
                pass
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(outbox, ignore_errors=True)
        result.seconds = round(time.monotonic() - started, 2)
    return result
