"""`race` and `FailureGroup` as current Twisted has them (added in 23.8).

Debian's Twisted 22.4 has neither, so the race scenario runs against this
re-implementation of the behaviour of defer.py@6466160 `race` (L1648), written
from that contract, not copied:

* every member gets one stage (success -> `won`, failure -> `lost`) that
  returns None, so member results are always consumed;
* the first success records the winner, cancels every *other* member in input
  order, and only then calls back the race with (index, value);
* when every member has failed, the race errbacks with FailureGroup holding the
  failures sorted by member index;
* cancelling the race cancels every member; an empty race never fires.

If the installed Twisted has `race`, that one is used instead, so this file
retires itself when Debian ships a newer Twisted.
"""

from twisted.internet import defer
from twisted.internet.defer import Deferred


class FailureGroup(Exception):
    """Every member of a race failed; `failures` are in member order."""

    def __init__(self, failures):
        super().__init__()
        self.failures = failures


def _race(ds):
    members = list(ds)
    winner = []
    failures = []

    def cancel_all(_):
        for member in members:
            member.cancel()

    result = Deferred(cancel_all)

    def won(value, index):
        if not winner:
            winner.append(members[index])
            for member in members:
                if member is not winner[0]:
                    member.cancel()
            result.callback((index, value))
        return None

    def lost(failure, index):
        failures.append((index, failure))
        if len(failures) == len(members):
            ordered = [f for _, f in sorted(failures, key=lambda pair: pair[0])]
            result.errback(FailureGroup(ordered))
        return None

    for index, member in enumerate(members):
        member.addCallbacks(won, lost, callbackArgs=(index,), errbackArgs=(index,))
    return result


race = getattr(defer, "race", _race)
FailureGroup = getattr(defer, "FailureGroup", FailureGroup)
