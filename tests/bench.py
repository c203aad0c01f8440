"""make bench: how fast ds_shell.sh makes a new project, against cookiecutter.

For dash and bash: the median wall time of a full generation into an empty
folder over repeated runs, and the number of processes a run starts (strace -f).
Against it, the same tree rendered by cookiecutter from a template made here
from lib/template, checked to write identical files (bytes and modes). Prints
the ratio and exits 1 when it is below the target (30 times faster).

It also times a floor: each shell reading ds_shell.sh whole, then, instead of
calling main, starting only the processes that any safe run must start, with
no other work (FLOOR). No way of storing or reading the templates, and no
cleverer logic, can make a run faster than that.

    python tests/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import COMMITTED_SCRIPT, TEMPLATE, clean_env, fingerprint, output_path, tree  # noqa: E402

TARGET_RATIO = 30
# What no safe run can do without: a shell cannot make a folder, rename a file,
# remove a folder or read a file's mode by itself, so one mkdir makes the
# staging folders, one mv moves the staged files in, one rmdir removes the
# staging folder, and one ls checks that .env is readable by its owner only.
FLOOR = (
    "mkdir -p -- p/.s/a p/.s/b && cd p && : >.s/.env && ls -ld -- .s/.env >/dev/null"
    " && mv -f -- .s/a .s/b .s/.env . && rmdir -- .s"
)
NAME = "bench"
PLACEHOLDERS = {
    b"{{PROJECT_NAME}}": b"{{ cookiecutter.project_name }}",
    b"{{PROJECT_SLUG}}": b"{{ cookiecutter.project_slug }}",
    b"{{PYTHON_VERSION}}": b"{{ cookiecutter.python_version }}",
}


def cookiecutter_template(root: Path) -> Path:
    """lib/template as a cookiecutter template: every file's text raw, but for the placeholders."""
    template = root / "cookiecutter-template"
    project = template / "{{ cookiecutter.project_name }}"
    for source in sorted(TEMPLATE.rglob("*")):
        target = project / output_path(source.relative_to(TEMPLATE).as_posix())
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        data = source.read_bytes()
        assert b"{% endraw %}" not in data
        for placeholder, variable in PLACEHOLDERS.items():
            data = data.replace(placeholder, b"{% endraw %}" + variable + b"{% raw %}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"{% raw %}" + data + b"{% endraw %}" if data else b"")
        if target.name == ".env":
            os.chmod(target, 0o600)  # cookiecutter copies each template file's mode
    (template / "cookiecutter.json").write_text(
        json.dumps({"project_name": NAME, "project_slug": NAME, "python_version": "3.12"})
    )
    return template


def median_time(command: list[str], runs: int, work: Path, env: dict[str, str]) -> float:
    times = []
    for i in range(runs):
        folder = work / f"run-{i}"
        folder.mkdir(parents=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        shutil.rmtree(folder)
    return statistics.median(times)


def processes_started(command: list[str], work: Path, env: dict[str, str]) -> int | None:
    if shutil.which("strace") is None:
        return None
    work.mkdir()
    trace = work.parent / "trace"
    subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve,clone,clone3,fork,vfork", "-o", str(trace), *command],
        cwd=work, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    return len({line.split()[0] for line in trace.read_text().splitlines()}) - 1  # not the shell itself


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="runs per tool (default 21)")
    args = parser.parse_args()
    cookiecutter = Path(sys.executable).parent / "cookiecutter"
    env = clean_env()
    with tempfile.TemporaryDirectory(prefix="ds_shell-bench-") as tmp:
        root = Path(tmp)
        template = cookiecutter_template(root)
        commands = {
            shell: [shell, str(COMMITTED_SCRIPT), "--no-git", "-q", NAME]
            for shell in ["dash", "bash"]
            if shutil.which(shell)
        }
        script, call_main = COMMITTED_SCRIPT.read_text(), '{ main "$@"; }\n'
        assert script.endswith(call_main), "ds_shell.sh's last line is no longer the call of main"
        floor_script = root / "floor.sh"
        floor_script.write_text(script.removesuffix(call_main) + FLOOR + "\n")
        floors = {f"{shell} floor": [shell, str(floor_script)] for shell in list(commands)}
        commands["cookiecutter"] = [str(cookiecutter), "--no-input", str(template)]

        outputs = {}
        for tool, command in commands.items():
            out = root / f"same-{tool}"
            out.mkdir()
            subprocess.run(command, cwd=out, env=env, check=True, stdout=subprocess.DEVNULL)
            outputs[tool] = fingerprint(out / NAME)
        reference = outputs["cookiecutter"]
        for tool, output in outputs.items():
            if output != reference:
                print(f"bench: {tool} and cookiecutter wrote different files", file=sys.stderr)
                return 1
        files = sum(1 for path in tree(root / "same-cookiecutter" / NAME) if not path.endswith("/"))

        print(f"A new project: {files} files, identical from every tool. Median of {args.runs} runs:")
        times = {tool: median_time(command, args.runs, root / f"time-{tool}", env) for tool, command in commands.items()}
        floor_times = {tool: median_time(command, args.runs, root / f"time-{tool}", env) for tool, command in floors.items()}
        slowest_ratio = None
        for tool, seconds in times.items():
            line = f"  {tool:<13} {seconds * 1000:8.1f} ms"
            if tool != "cookiecutter":
                ratio = times["cookiecutter"] / seconds
                slowest_ratio = ratio if slowest_ratio is None else min(slowest_ratio, ratio)
                count = processes_started(command=commands[tool], work=root / f"count-{tool}", env=env)
                line += f"   {ratio:6.1f} times faster than cookiecutter"
                line += f"   {count} processes started" if count is not None else "   (no strace: processes not counted)"
            print(line)
        print("The floor: reading ds_shell.sh, then 4 processes and no other work (see FLOOR in tests/bench.py):")
        for tool, seconds in floor_times.items():
            ratio = times["cookiecutter"] / seconds
            print(f"  {tool:<13} {seconds * 1000:8.1f} ms   {ratio:6.1f} times faster than cookiecutter, at most")
    met = slowest_ratio is not None and slowest_ratio >= TARGET_RATIO
    print(f"Target: at least {TARGET_RATIO} times faster than cookiecutter, at most one process per file plus a few: "
          f"{'met' if met else 'NOT met'} ({slowest_ratio:.1f} times).")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
