#!/usr/bin/env python3
"""Times sign-in posts for a known and an unknown email against a running app on 127.0.0.1.

Each attempt is a fresh client: GET /cuenta/ingresar (antiforgery cookie and token), then POST a
wrong password; only the POST is timed. Known and unknown attempts alternate, so drift in the
machine's load falls on both. Every attempt uses a wrong password, so the known account is held
after SignIn:MaxFailures failures from this address: run the app with that raised (see README.md).
Python 3 standard library only; talks to 127.0.0.1 and nothing else.
"""
import argparse
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"')


def attempt(port, email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}/cuenta/ingresar"
    page = opener.open(base, timeout=30).read().decode("utf-8")
    token = TOKEN.search(page)
    if not token:
        sys.exit("no antiforgery token on the sign-in page")
    body = urllib.parse.urlencode({
        "Input.Email": email,
        "Input.Password": password,
        "__RequestVerificationToken": token.group(1),
    }).encode()
    started = time.perf_counter()
    try:
        response = opener.open(urllib.request.Request(base, data=body), timeout=30)
        status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8", "replace")
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        sys.exit(f"POST for {email} answered {status} (rate limit? see README.md): {text[:200]}")
    if "no son correctos" not in text:
        sys.exit(f"POST for {email} did not answer the wrong-credentials message (held? see README.md)")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=5080)
    parser.add_argument("-n", type=int, default=50, help="attempts per email (at most 1000)")
    parser.add_argument("--known", default="ciudadano@demo.mspas.gt")
    parser.add_argument("--unknown", default="nadie-en-particular@demo.mspas.gt")
    args = parser.parse_args()
    n = max(1, min(args.n, 1000))
    attempt(args.port, args.known, "no-es-la-contraseña-0")  # warm-up, not counted
    attempt(args.port, args.unknown, "no-es-la-contraseña-0")
    known, unknown = [], []
    for i in range(n):
        known.append(attempt(args.port, args.known, f"no-es-la-contraseña-{i}"))
        unknown.append(attempt(args.port, args.unknown, f"no-es-la-contraseña-{i}"))
    mk, mu = statistics.median(known), statistics.median(unknown)
    print(f"attempts per email: {n}")
    print(f"known   {args.known}: median {mk:.1f} ms (p10 {quantile(known, 0.1):.1f}, p90 {quantile(known, 0.9):.1f})")
    print(f"unknown {args.unknown}: median {mu:.1f} ms (p10 {quantile(unknown, 0.1):.1f}, p90 {quantile(unknown, 0.9):.1f})")
    print(f"ratio known/unknown: {mk / mu:.2f}")


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


if __name__ == "__main__":
    main()
