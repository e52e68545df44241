"""The built-in SMTP receiver (door (a) of inbound mail).

An aiosmtpd server on ``CLEARINGHOUSE_SMTP_HOST:CLEARINGHOUSE_SMTP_PORT`` (127.0.0.1:2525
by default) that accepts mail for the reply domain only. Each message is stored durably
(an ``InboundMessage`` row, through :func:`forums.inbound.inbound_receive`) before the
server answers ``250``; the parsing and posting happen in a task, so accepting is fast
and nothing accepted is lost. ``clearinghouse serve`` starts it with :func:`receiver_start`;
``clearinghouse mail smtpd`` runs it alone (:func:`smtpd_main`).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import queue
import signal
import threading
from concurrent.futures import Future

from django.conf import settings
from django.db import close_old_connections

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 30 * 1024 * 1024


def _domain_ok(address: str) -> bool:
    domain = address.rpartition("@")[2].strip().strip(">").lower()
    return domain == settings.CLEARINGHOUSE_REPLY_DOMAIN.lower()


def return_path_header(mail_from: str | None) -> bytes:
    address = "".join(ch for ch in (mail_from or "") if ch not in "\r\n<> \t")
    return f"Return-Path: <{address}>\r\n".encode("utf-8", "surrogateescape")


class _GroupWriter:
    """One thread that stores the mails of every open SMTP session, many per transaction.

    A session waits until the transaction holding its mail has committed before it
    answers ``250``: durability is kept, and under load one commit serves many mails.
    """

    MAX_BATCH = 200

    def __init__(self):
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="smtpd-store", daemon=True)
        self._thread.start()

    def submit(self, raw: bytes, rcpts: list[str]) -> Future:
        future: Future = Future()
        self._queue.put((raw, rcpts, future))
        return future

    def _run(self) -> None:
        from .inbound import inbound_receive_many

        while True:
            item = self._queue.get()
            if item is None:
                close_old_connections()
                return
            batch = [item]
            while len(batch) < self.MAX_BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                batch.append(nxt)
            try:
                ids = inbound_receive_many([(raw, rcpts) for raw, rcpts, _f in batch], transport="smtp")
            except Exception as exc:  # noqa: BLE001 - the senders are told to retry
                close_old_connections()
                for _raw, _rcpts, future in batch:
                    future.set_exception(exc)
            else:
                for (_raw, _rcpts, future), pk in zip(batch, ids, strict=True):
                    future.set_result(pk)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)


class InboundHandler:
    """aiosmtpd handler: RCPT for the reply domain only; DATA stored durably, then ``250``."""

    def __init__(self):
        self._writer = _GroupWriter()
        self.accepted = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd API
        if not _domain_ok(address):
            return "550 5.7.1 Relaying denied: this server only accepts replies to the discussions"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        # As the delivering MTA does (RFC 5321 4.4): the envelope sender on top, so that a null
        # sender (a bounce, an auto-reply) is known to the pipeline and never answered.
        raw = return_path_header(envelope.mail_from) + raw
        try:
            await asyncio.wrap_future(self._writer.submit(raw, list(envelope.rcpt_tos)))
        except Exception:  # noqa: BLE001 - the sender keeps the mail and retries
            log.exception("could not store an inbound mail")
            return "451 4.3.0 Could not store the message now, please try again later"
        self.accepted += 1
        return "250 2.0.0 Message accepted"

    def close(self) -> None:
        self._writer.close()


def receiver_start(host: str | None = None, port: int | None = None):
    """Start the receiver in a background thread; returns the aiosmtpd ``Controller`` (``.stop()``)."""
    from aiosmtpd.controller import Controller

    handler = InboundHandler()
    controller = Controller(
        handler,
        hostname=host or settings.CLEARINGHOUSE_SMTP_HOST,
        port=int(port or settings.CLEARINGHOUSE_SMTP_PORT),
        data_size_limit=MAX_MESSAGE_BYTES,
        server_hostname=settings.CLEARINGHOUSE_REPLY_DOMAIN,
        ready_timeout=10,
    )
    controller.start()
    _stop = controller.stop

    def stop(*args, **kwargs):
        try:
            _stop(*args, **kwargs)
        finally:
            handler.close()

    controller.stop = stop  # type: ignore[method-assign]
    log.info("SMTP receiver listening on %s:%s", controller.hostname, controller.port)
    return controller


def smtpd_main(argv: list[str] | None = None) -> int:
    """``clearinghouse mail smtpd [--host H] [--port P]``: run the receiver until interrupted."""
    parser = argparse.ArgumentParser(prog="clearinghouse mail smtpd",
                                     description="Receive replies to the discussions by SMTP.")
    parser.add_argument("--host", default=settings.CLEARINGHOUSE_SMTP_HOST)
    parser.add_argument("--port", type=int, default=settings.CLEARINGHOUSE_SMTP_PORT)
    args = parser.parse_args(argv)
    controller = receiver_start(args.host, args.port)
    print(f"SMTP receiver on {args.host}:{args.port} for *@{settings.CLEARINGHOUSE_REPLY_DOMAIN} (Ctrl-C stops)",
          flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_a: done.set())
    done.wait()
    controller.stop()
    return 0
