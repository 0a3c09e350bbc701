#!/usr/bin/env python3
"""A real SMTP server for the test suite: accepts every message on 127.0.0.1 and writes it, as
received, to a folder as one .eml file per recipient, so tests can read what arrived."""
import argparse
import asyncio
import os
import signal
import time
import uuid

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
            tmp = os.path.join(self.folder, name + ".tmp")
            with open(tmp, "wb") as f:
                f.write(f"X-Envelope-To: {rcpt}\r\n".encode())
                f.write(envelope.original_content or envelope.content)
            os.rename(tmp, os.path.join(self.folder, name))  # readers never see half a message
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()
    controller = Controller(MaildirHandler(args.maildir), hostname=args.host, port=args.port)
    controller.start()
    print(f"smtp sink listening on {args.host}:{args.port}, writing to {args.maildir}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
