"""Letter keys answer in either case: the screens label them in capitals (受理 (A)),
and an officer with Caps Lock on, or who reads the label literally, presses Shift."""

from __future__ import annotations

from textual.binding import Binding


def either_case(bindings: list[Binding]) -> list[Binding]:
    result = []
    for b in bindings:
        keys = b.key.split(",")
        extra = [k.upper() for k in keys if len(k) == 1 and k.islower() and k.upper() not in keys]
        result.append(Binding(",".join(keys + extra), b.action, b.description, show=b.show,
                              key_display=b.key_display or (keys[0].upper() if extra else None), priority=b.priority)
                      if extra else b)
    return result
