"""a callback added by a running callback runs after it returns.

A callback added by a running callback runs after it returns, in the same
loop; a callback added to a fired Deferred runs inside addCallback (R1)."""

from twisted.internet.defer import Deferred

from _trace import fmt


def run(t):
    d = Deferred()

    def first(v):
        t.emit("first start " + fmt(v))
        d.addCallback(added)
        t.emit("first after addCallback")
        return v + 1

    def added(v):
        t.emit("added got " + fmt(v))
        return v * 10

    def second(v):
        t.emit("second got " + fmt(v))
        return v + 1

    d.addCallback(first)
    d.addCallback(second)
    t.emit("before callback")
    d.callback(1)
    t.emit("after callback")
    t.emit("before late addCallback")
    d.addCallback(lambda v: (t.emit("late got " + fmt(v)), "late")[1])
    t.emit("after late addCallback")

    def late_adder(v):
        t.emit("late_adder got " + fmt(v))
        d.addCallback(lambda v2: (t.emit("nested late got " + fmt(v2)), "nested")[1])
        t.emit("late_adder returns")
        return "adder"

    d.addCallback(late_adder)
    t.emit("after late_adder")
    d.addCallback(lambda v: t.emit("final got " + fmt(v)))
