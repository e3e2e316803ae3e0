"""A real SMTP server for the tests: Debian's python3-aiosmtpd.

Usage: smtp-server.py PORT [--user U --password P] [--starttls CERT KEY]
Prints "READY <port>" once it listens, then one JSON line per message received:
{"mail_from", "rcpt_tos", "auth_login", "tls", "data", "subject", "message_id", "text", "html"}
(the message parsed by Python's email package, quoted-printable and folding undone).
"""
import argparse
import email
import email.policy
import json
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        print(json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_login": login,
            "tls": session.ssl is not None,
            "data": envelope.content.decode("utf8", "replace"),
            "subject": str(msg["subject"]),
            "message_id": str(msg["message-id"]),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
        }), flush=True)
        return "250 2.0.0 Ok: queued as TEST"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    a = p.parse_args()
    kwargs = {}
    if a.user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == a.user and auth_data.password.decode() == a.password
            return AuthResult(success=ok, handled=False, auth_data=auth_data)
        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(a.starttls))
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.starttls[0], a.starttls[1])
        kwargs.update(tls_context=ctx, require_starttls=True)
    controller = Controller(Recorder(), hostname="127.0.0.1", port=a.port, **kwargs)
    controller.start()
    print(f"READY {a.port}", flush=True)
    try:
        sys.stdin.read()  # until the test closes our stdin or kills us
    finally:
        controller.stop()


main()
