#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An SMTP server for the tests, on aiosmtpd: it keeps what it receives.

    smtp-sink.py FOLDER [--port N] [--login NAME:PASSWORD]

Binds 127.0.0.1 (port 0 unless told: the system picks one), prints
"port N" once it accepts connections, then for each message it takes:
FOLDER/N.eml (the message as received) and FOLDER/N.json (the envelope:
mail_from, rcpt_tos, login), both written before "stored N" is printed
and before the client hears that the message was taken. N goes on from
the messages already in FOLDER.

To make it refuse, write a reply ("550 5.1.1 No such user") into
FOLDER/reply-rcpt or FOLDER/reply-data; it is read at each RCPT or DATA,
so a test changes it between two attempts. "hang" in reply-data takes
the message and never answers (after printing "hanging"). With --login,
AUTH is offered (without TLS: this is a test) and only that name and
password pass.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


def read_reply(folder, stage):
    try:
        with open(os.path.join(folder, "reply-" + stage), encoding="utf-8") as f:
            reply = f.read().strip()
    except FileNotFoundError:
        return None
    return reply or None


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Handler:
    def __init__(self, folder):
        self.folder = folder
        # Started again on the same folder, it goes on counting.
        self.count = len([f for f in os.listdir(folder) if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = read_reply(self.folder, "rcpt")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = read_reply(self.folder, "data")
        if reply == "hang":
            # A relay that takes the message and never answers.
            print("hanging", flush=True)
            await asyncio.Event().wait()
        if reply:
            return reply
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        login = None
        if session.auth_data is not None:
            login = session.auth_data.login.decode("utf-8", "replace")
        write_atomically(base + ".json", json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login,
        }).encode("utf-8"))
        write_atomically(base + ".eml", envelope.original_content)
        print(f"stored {self.count}", flush=True)
        return "250 Message accepted"


async def serve(args):
    handler = Handler(args.folder)
    callback = None
    if args.login:
        name, password = args.login.split(":", 1)

        def callback(mechanism, login, secret):
            return login == name.encode() and secret == password.encode()

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test", auth_require_tls=False,
                     auth_callback=callback, loop=loop),
        "127.0.0.1", args.port, reuse_address=True)
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)

    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    await stop
    server.close()
    await server.wait_closed()


def main():
    # aiosmtpd warns on every AUTH about an attribute it sets itself.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--login")
    args = parser.parse_args()
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
