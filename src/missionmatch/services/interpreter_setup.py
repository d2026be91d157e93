"""Interpreter pools of a B2B session: how many interpreters per language pair are free in every slot.

Pairs are stored in alphabetical order ("fr-ja", never "ja-fr"); a pool may not shrink below what scheduled
meetings already use in one slot, nor be removed while a scheduled meeting relies on it."""

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, InterpreterPool, Meeting
from missionmatch.models.meeting import OCCUPYING
from missionmatch.services.mission_document import LANGUAGES
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import FieldReader, refuse

MAX_INTERPRETERS = 100


def canonical_pair(first: str, second: str) -> tuple[str, str]:
    low, high = sorted((first, second))
    return low, high


def peak_use(session: Session, pool: InterpreterPool) -> int:
    """The most scheduled meetings using this pair's interpreters in any one slot of the session."""
    names = {f"{pool.language_a}-{pool.language_b}", f"{pool.language_b}-{pool.language_a}"}
    query = select(Meeting.slot).where(
        Meeting.session_id == pool.session_id,
        Meeting.status.in_(OCCUPYING),
        Meeting.interpreter.in_(names),
    )
    per_slot = Counter(session.scalars(query))
    return max(per_slot.values(), default=0)


def add_pool(
    session: Session, b2b: B2BSession, language_a: str, language_b: str, count: str
) -> InterpreterPool:
    read = FieldReader({"count": count})
    for name, code in (("language_a", language_a), ("language_b", language_b)):
        if code not in LANGUAGES:
            read.fail(name, "unknown_language")
    if not read.errors and language_a == language_b:
        read.fail("language_b", "same_language")
    number = read.number("count", 0, MAX_INTERPRETERS)
    read.done()
    low, high = canonical_pair(language_a, language_b)
    lock_schedule(session, b2b.mission_id)
    existing = {canonical_pair(p.language_a, p.language_b) for p in b2b.interpreters}
    if (low, high) in existing:
        raise refuse("language_b", "pair_exists", pair=f"{low}-{high}")
    pool = InterpreterPool(session=b2b, language_a=low, language_b=high, count=number)
    session.add(pool)
    session.flush()
    return pool


def set_pool_count(session: Session, pool: InterpreterPool, count: str) -> None:
    read = FieldReader({"count": count})
    number = read.number("count", 0, MAX_INTERPRETERS)
    read.done()
    assert number is not None
    lock_schedule(session, pool.session.mission_id)
    peak = peak_use(session, pool)
    if number < peak:
        raise refuse("count", "interpreters_in_use", peak=peak, pair=pool.pair)
    pool.count = number
    session.flush()


def remove_pool(session: Session, pool: InterpreterPool) -> None:
    lock_schedule(session, pool.session.mission_id)
    peak = peak_use(session, pool)
    if peak:
        raise refuse("count", "interpreters_in_use", peak=peak, pair=pool.pair)
    session.delete(pool)
    session.flush()
