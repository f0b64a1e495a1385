"""Which address a request came from, for the API's throttle and the sign-in lock-out.

`X-Forwarded-For` is written by whoever sends the request: a client that adds
`X-Forwarded-For: 10.1.1.1` must not become a new client. Only the entries appended by the
operator's own proxies are believed: with `TRUSTED_PROXIES = n` (the reverse proxies in front
of the app, each appending the address it received the request from), the client is the n-th
address from the right. With none configured (the default) it is the connection's address,
`REMOTE_ADDR`, whatever the header says.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    connection = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return connection
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [address.strip() for address in header.split(",") if address.strip()]
    if len(forwarded) < proxies:
        # Not through every trusted proxy: the header may be the client's own words.
        return connection
    return forwarded[-proxies]
