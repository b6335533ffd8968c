"""Run differential scenarios against the installed Twisted; print JSON.

Usage: /usr/bin/python3 _run.py NAME... -> {"NAME": {"lines": [...],
"error": null | "traceback"}} on stdout. Each scenario is a file NAME.py next
to this one that defines `run(t)`. Nothing is cached between runs.

Around every scenario: garbage from earlier scenarios is collected first (its
reports are dropped), then log events are captured into the trace while the
scenario runs and while a final gc.collect() reports what it left unhandled.
"""

import gc
import importlib.util
import io
import json
import os
import sys
import traceback

from twisted.logger import formatEvent, globalLogBeginner, globalLogPublisher

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _trace import err  # noqa: E402


class Trace:
    def __init__(self):
        self.lines = []

    def emit(self, line):
        self.lines.append(line)

    def collect(self):
        """Force unhandled-failure reports now (TS: flushUnhandledFailures)."""
        gc.collect()

    def observe(self, event):
        failure = event.get("log_failure")
        if failure is not None:
            self.emit("log failure " + err(failure))
        else:
            self.emit("log %s: %s" % (event["log_level"].name, formatEvent(event)))


def run_one(name):
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "scenario_" + name.replace("-", "_"), os.path.join(here, name + ".py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gc.collect()
    trace = Trace()
    globalLogPublisher.addObserver(trace.observe)
    try:
        module.run(trace)
        trace.collect()
        error = None
    except BaseException:
        error = traceback.format_exc()
    finally:
        globalLogPublisher.removeObserver(trace.observe)
    return {"lines": trace.lines, "error": error}


def main(names):
    # Only the scenario's observer may see events: no stderr echo, no buffer.
    globalLogBeginner.beginLoggingTo([], discardBuffer=True, redirectStandardIO=False)
    real_stdout = sys.stdout
    results = {}
    for name in names:
        sys.stdout = io.StringIO()
        try:
            results[name] = run_one(name)
        except BaseException:
            results[name] = {"lines": [], "error": traceback.format_exc()}
        finally:
            sys.stdout = real_stdout
    json.dump(results, real_stdout, indent=1)
    real_stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
