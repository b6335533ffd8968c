"""with debugging on, AlreadyCalledError names where the Deferred was created and first fired.

setDebugging(True) records the creation and first-invoker stacks; the
message of AlreadyCalledError then has " C: Deferred was created:" and
" I: First Invoker was:" sections; without debugging it has neither (R9)."""

from twisted.internet.defer import AlreadyCalledError, Deferred, getDebugging, setDebugging

from _trace import exc, fmt


def run(t):
    t.emit("debugging " + fmt(getDebugging()))
    setDebugging(True)
    try:
        t.emit("debugging " + fmt(getDebugging()))
        d = Deferred()
        d.callback(1)
        try:
            d.callback(2)
        except AlreadyCalledError as e:
            text = str(e)
            t.emit("raised " + exc(e))
            t.emit("has creator " + fmt(" C: Deferred was created:" in text))
            t.emit("has invoker " + fmt(" I: First Invoker was:" in text))
            t.emit("creator before invoker " + fmt(text.index(" C:") < text.index(" I:")))
    finally:
        setDebugging(False)
    t.emit("debugging " + fmt(getDebugging()))
    d = Deferred()
    d.callback(1)
    try:
        d.callback(2)
    except AlreadyCalledError as e:
        t.emit("without debugging has creator " + fmt(" C: Deferred was created:" in str(e)))
