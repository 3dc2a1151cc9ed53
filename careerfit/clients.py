"""The address of the person at the other end, behind the proxies careerfit trusts.

Behind nginx or a load balancer, REMOTE_ADDR is the proxy's address for everyone, and
X-Forwarded-For holds the chain of addresses the request passed, each proxy appending the
one it received from. Only the entries appended by trusted proxies can be believed: a
client can start the header with anything. So the client is the right-most address that
is not one of TRUSTED_PROXIES, read from REMOTE_ADDR leftwards. With no trusted proxies
(the default, for a server reached directly), it is REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parse(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: IPAddress) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    address = _parse(remote)
    if address is None:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    while _trusted(address) and hops:
        previous = _parse(hops.pop())
        if previous is None:
            # A malformed entry is the client's own invention: the proxy before it is
            # the last address anyone vouched for.
            break
        address = previous
    return str(address)
